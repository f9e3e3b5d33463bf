/** The key (asset) of a message: the dx-key header, else the payload at the contract's key pointer. */
import { DxError } from '../../common/errors/dx-error.js';
import { NO_KEY } from '../../common/event-store/event-store.types.js';
import { hasControlCharacter } from '../../common/text/has-control-character.js';
import { pointerTokens } from '../../common/schemas/pointer-tokens.js';

/**
 * NATS-token-safe: no separators, wildcards, whitespace or other control characters (NUL cannot even
 * be stored), so it can end a dx.data subject.
 */
const TOKEN_SAFE = /^[^\s.*>]{1,200}$/;

export function keyOf(header: string | undefined, pointer: string | null, payload: unknown): string {
  const key = header ?? (pointer === null ? NO_KEY : atPointer(payload, pointer));
  if (key === undefined) {
    throw new DxError('KEY_INVALID', `the payload has no key at ${pointer} and no dx-key header was sent`, {
      pointer,
      rule: 'required',
      expected: 'a string',
    });
  }
  const text = typeof key === 'number' ? String(key) : key;
  if (typeof text !== 'string' || !TOKEN_SAFE.test(text) || hasControlCharacter(text)) {
    throw new DxError(
      'KEY_INVALID',
      `the key ${JSON.stringify(key)} must be 1 to 200 characters without '.', '*', '>', spaces or control characters`,
      {
        pointer: header === undefined ? pointer : undefined,
        header: header === undefined ? undefined : 'dx-key',
        rule: 'pattern',
        expected: '[^\\s.*>\\u0000-\\u001f\\u007f]{1,200}',
      },
    );
  }
  return text;
}

function atPointer(value: unknown, pointer: string): unknown {
  let current = value;
  for (const token of pointerTokens(pointer)) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[token];
  }
  return current;
}
