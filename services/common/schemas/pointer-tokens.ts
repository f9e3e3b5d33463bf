/**
 * The reference tokens of an RFC 6901 JSON pointer, decoded (`~1` is `/`, `~0` is `~`): `/a~1b/0` gives
 * ['a/b', '0'], and the empty pointer (the whole document) none. Hand-written: three lines, where the
 * pointer libraries on npm bring getters, setters and error types each caller here has its own rules for.
 */
export function pointerTokens(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
}
