// Writes docs/errors.md from ERROR_CODES (the single source). Run: npm run generate
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderErrorDocs } from '../src/errors/docs.js';

writeFileSync(join(import.meta.dirname, '..', 'docs', 'errors.md'), renderErrorDocs());
console.log('wrote docs/errors.md');
