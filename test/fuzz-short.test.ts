// The fuzz file, run briefly as part of npm test (npm run fuzz runs it long).
import './fuzz/parsers.fuzz.js';
