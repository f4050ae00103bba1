import { closeSync, openSync, readSync } from 'node:fs';

/** Sleeps synchronously (a non-blocking standard input with nothing to read yet). */
const pause = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The offset of the first byte that does not belong to a well-formed UTF-8 sequence, or -1. */
function firstInvalidByte(bytes: Uint8Array): number {
  const n = bytes.length;
  for (let i = 0; i < n; ) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    // length of the sequence and the allowed range of its second byte (RFC 3629, no surrogates, no overlongs)
    let len: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) len = 2;
    else if (b >= 0xe0 && b <= 0xef) {
      len = 3;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      len = 4;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else return i;
    if (i + len > n) return i;
    const b1 = bytes[i + 1]!;
    if (b1 < lo || b1 > hi) return i;
    for (let k = 2; k < len; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return i;
    i += len;
  }
  return -1;
}

/** What the bytes of a text that is not UTF-8 most likely are, for the message. */
function guessEncoding(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'UTF-16 LE: it starts with the byte-order mark FF FE';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'UTF-16 BE: it starts with the byte-order mark FE FF';
  // UTF-16 without a byte-order mark: JSON is mostly ASCII, so every other byte is 0
  const sample = Math.min(bytes.length, 512) & ~1;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < sample; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  if (sample >= 4 && oddZeros * 4 >= sample) return 'UTF-16 LE';
  if (sample >= 4 && evenZeros * 4 >= sample) return 'UTF-16 BE';
  try {
    // Node built with full ICU (the default) knows GB18030, a superset of GBK; a small-ICU build does not.
    const text = new TextDecoder('gb18030', { fatal: true }).decode(bytes);
    if (/[\u4e00-\u9fff]/.test(text)) return 'GBK / GB18030, the Chinese Windows encoding';
  } catch {
    // not GB18030, or no decoder for it
  }
  return 'a legacy 8-bit encoding such as GBK, Big5, Shift_JIS or Windows-1252';
}

/**
 * Decodes bytes as UTF-8 text, strictly: a byte that is not part of valid UTF-8 is an error with
 * code `ENOTUTF8` (never a U+FFFD replacement character that would show up as garbage in a
 * customer-facing label). A UTF-8 byte-order mark is kept (the JSON parser leaves it out).
 *
 * @param bytes - the bytes
 * @returns the text
 * @throws an `Error` with `code` `ENOTUTF8` whose message says what the bytes look like
 *   (UTF-16, GBK, …) and where the first byte that is not UTF-8 is, e.g.
 *   `the file is not UTF-8 text (it looks like UTF-16 LE: it starts with the byte-order mark FF FE): save it as UTF-8`
 * @example
 * ```ts
 * decodeUtf8(new Uint8Array([0x7b, 0x7d])) // → '{}'
 * ```
 * @category Loading
 * @internal
 */
export function decodeUtf8(bytes: Uint8Array): string {
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    const guess = guessEncoding(bytes);
    const at = firstInvalidByte(bytes);
    let where = '';
    if (!guess.startsWith('UTF-16') && at >= 0) {
      // lines end at LF, CRLF or a lone CR, as JSON_SYNTAX counts them
      let line = 1;
      for (let i = 0; i < at; i++) if (bytes[i] === 0x0a || (bytes[i] === 0x0d && bytes[i + 1] !== 0x0a)) line++;
      where = `; the first byte that is not UTF-8 is on line ${line}`;
    }
    throw notUtf8(`${guess}${where}`);
  }
  // ASCII text saved as UTF-16 without a byte-order mark is valid UTF-8 (a NUL after every character);
  // a raw NUL is never valid JSON, so such a file is named for what it is rather than a syntax error
  if (text.includes('\0')) {
    const guess = guessEncoding(bytes);
    if (guess.startsWith('UTF-16')) throw notUtf8(guess);
  }
  return text;
}

function notUtf8(what: string): Error {
  return Object.assign(new Error(`the file is not UTF-8 text (it looks like ${what}): save it as UTF-8`), { code: 'ENOTUTF8' });
}

/**
 * Reads a file or standard input (`-`) as UTF-8, at most `maxBytes` (then an error with code
 * `ETOOBIG`): `/dev/zero`, a `/proc` file whose size says 0 or a 600 MB file is refused after
 * `maxBytes + 1` bytes, never read whole. Bytes that are not UTF-8 (a file saved as UTF-16 or
 * GBK) are an error with code `ENOTUTF8` (see {@link decodeUtf8}).
 *
 * @param path - a file, or `-` for standard input
 * @param maxBytes - the most bytes to accept
 * @returns the text
 * @throws an `Error` with `code` `ETOOBIG` past `maxBytes`, `ENOTUTF8` for bytes that are not UTF-8; the file system's errors (`ENOENT`, `EISDIR`, …)
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
    return decodeUtf8(Buffer.concat(chunks));
  } finally {
    if (fd !== 0) closeSync(fd);
  }
}

