/**
 * How many events of a page fit in its byte budget: the first `n` whose texts, with a comma between
 * them, take at most `budget` bytes. Always at least one, so a reader moves on even past an event larger
 * than the budget (an event is at most DX_MAX_PAYLOAD_BYTES, well under the bus's max_payload).
 */
export function fitPage(texts: string[], budget: number): number {
  let used = 0;
  for (let i = 0; i < texts.length; i++) {
    used += Buffer.byteLength(texts[i]!) + (i > 0 ? 1 : 0);
    if (used > budget) return Math.max(i, 1);
  }
  return texts.length;
}
