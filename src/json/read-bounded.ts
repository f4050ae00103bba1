import { closeSync, openSync, readSync } from 'node:fs';

/** Sleeps synchronously (a non-blocking standard input with nothing to read yet). */
const pause = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * Reads a file or standard input (`-`) as UTF-8, at most `maxBytes` (then an error with code
 * `ETOOBIG`): `/dev/zero`, a `/proc` file whose size says 0 or a 600 MB file is refused after
 * `maxBytes + 1` bytes, never read whole.
 *
 * @param path - a file, or `-` for standard input
 * @param maxBytes - the most bytes to accept
 * @returns the text
 * @throws an `Error` with `code` `ETOOBIG` past `maxBytes`; the file system's errors (`ENOENT`, `EISDIR`, …)
 * @example
 * ```ts
 * readBounded('rules/ecommerce/manifest.json', 1024 * 1024).startsWith('{') // → true
 * ```
 * @category Loading
 * @internal
 */
export function readBounded(path: string, maxBytes = Number.POSITIVE_INFINITY): string {
  const fd = path === '-' ? 0 : openSync(path, 'r');
  try {
    const chunks: Buffer[] = [];
    const buf = Buffer.alloc(64 * 1024);
    let total = 0;
    for (;;) {
      let n: number;
      try {
        n = readSync(fd, buf, 0, buf.length, null);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EAGAIN') {
          pause(5);
          continue;
        }
        if (code === 'EOF') break;
        throw e;
      }
      if (n === 0) break;
      total += n;
      if (total > maxBytes) throw Object.assign(new Error(`more than ${maxBytes} bytes`), { code: 'ETOOBIG' });
      chunks.push(Buffer.from(buf.subarray(0, n)));
    }
    return Buffer.concat(chunks).toString('utf8');
  } finally {
    if (fd !== 0) closeSync(fd);
  }
}

