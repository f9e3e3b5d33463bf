/**
 * A batch's own message ids and keys, one per item: the dx-msg-ids and dx-keys headers, JSON arrays as
 * long as the batch (a dx-keys entry may be null: that item's key comes from dx-key or its payload).
 * With dx-msg-ids, an item's id no longer depends on how the batch was cut, so a producer that sends
 * the same plant message again in another batch (an edge after a restart) has it stored once.
 */
import { DxError } from '../../common/errors/dx-error.js';
import { HEADERS } from '../../common/nats/subjects.js';
import { hasControlCharacter } from '../../common/text/has-control-character.js';

/** Message ids are names, as dx-msg-id: 1 to 200 characters without control characters. */
const MAX_ID_LENGTH = 200;

export interface ItemHeaders {
  msgIds?: string[];
  keys?: (string | undefined)[];
}

export function parseItemHeaders(
  raw: { msgIds?: string; keys?: string },
  body: unknown,
): ItemHeaders | undefined {
  if (raw.msgIds === undefined && raw.keys === undefined) return undefined;
  if (!Array.isArray(body)) {
    const header = raw.msgIds !== undefined ? HEADERS.msgIds : HEADERS.keys;
    throw new DxError('BAD_ARGUMENT', `${header} applies to a batch, not to a single message`, {
      header,
      rule: 'batch',
    });
  }
  const msgIds =
    raw.msgIds === undefined ? undefined : listOf(raw.msgIds, HEADERS.msgIds, body.length, false);
  if (msgIds && new Set(msgIds).size !== msgIds.length)
    throw new DxError('BAD_ARGUMENT', `${HEADERS.msgIds} names a message id twice`, {
      header: HEADERS.msgIds,
      rule: 'uniqueItems',
    });
  const keys = raw.keys === undefined ? undefined : listOf(raw.keys, HEADERS.keys, body.length, true);
  return { msgIds: msgIds as string[] | undefined, keys };
}

function listOf(text: string, header: string, items: number, nullable: boolean): (string | undefined)[] {
  let list: unknown;
  try {
    list = JSON.parse(text);
  } catch {
    list = undefined;
  }
  const expected = `a JSON array of ${items} ${nullable ? 'strings or nulls' : 'strings'}, one per item`;
  const valid =
    Array.isArray(list) &&
    list.length === items &&
    list.every(
      (entry) =>
        (nullable && entry === null) ||
        (typeof entry === 'string' &&
          entry.length > 0 &&
          entry.length <= MAX_ID_LENGTH &&
          !hasControlCharacter(entry)),
    );
  if (!valid)
    throw new DxError(
      'BAD_ARGUMENT',
      `${header} must be ${expected} (1 to ${MAX_ID_LENGTH} characters each)`,
      {
        header,
        rule: 'items',
        expected,
      },
    );
  return (list as (string | null)[]).map((entry) => entry ?? undefined);
}
