/**
 * How deep arrays and objects nest in a JSON text, found on the raw bytes before anything parses it:
 * V8's JSON.parse copes with any depth, but JSON.stringify, ajv and every recursive walk after it do
 * not (a 100,000-deep array overflows the stack). Strings are skipped with their escapes, so brackets
 * inside them do not count. Returns the offset of the first bracket past `limit`, or -1.
 */
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_ARRAY = 0x5b;
const OPEN_OBJECT = 0x7b;
const CLOSE_ARRAY = 0x5d;
const CLOSE_OBJECT = 0x7d;

export function depthExceededAt(bytes: Uint8Array, limit: number): number {
  let depth = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === QUOTE) {
      for (i++; i < bytes.length && bytes[i] !== QUOTE; i++) if (bytes[i] === BACKSLASH) i++;
    } else if (b === OPEN_ARRAY || b === OPEN_OBJECT) {
      if (++depth > limit) return i;
    } else if (b === CLOSE_ARRAY || b === CLOSE_OBJECT) depth--;
  }
  return -1;
}
