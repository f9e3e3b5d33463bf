import { pointerTokens } from '../../common/schemas/pointer-tokens.js';

/**
 * Reads an RFC 6901 JSON pointer. Hand-written: ten lines, where the libraries on npm bring setters,
 * compilers and their own error types that a mapping does not need.
 */
export function readPointer(document: unknown, pointer: string): unknown {
  if (pointer === '') return document;
  let here: unknown = document;
  for (const token of pointerTokens(pointer)) {
    if (here === null || typeof here !== 'object') return undefined;
    here = Object.prototype.hasOwnProperty.call(here, token)
      ? (here as Record<string, unknown>)[token]
      : undefined;
  }
  return here;
}
