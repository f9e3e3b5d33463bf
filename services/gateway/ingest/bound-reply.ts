/**
 * A publish reply that fits on the bus. The full reply when it fits; else each refused item of a batch
 * without its details (every stored item keeps its positions); else a REPLY_TOO_LARGE summary: how
 * many items were stored, duplicates and refused, the refusals counted by code, and the first few.
 * The work is done either way: what was stored stays stored (a retry with the same message id is
 * answered as duplicates) and what was refused is recorded.
 */
import type { ItemReply, PublishReply, Refusal } from './publish.types.js';

/** Details of a refused item kept in the compact form when they are no longer than this. */
const SMALL_DETAILS = 200;

export function boundPublishReply(reply: PublishReply, maxBytes: number, listed: number): string {
  const full = JSON.stringify(reply);
  if (Buffer.byteLength(full) <= maxBytes) return full;
  if ('results' in reply) {
    const compact = JSON.stringify({ ok: true, results: reply.results.map(compactItem) });
    if (Buffer.byteLength(compact) <= maxBytes) return compact;
  }
  const items = 'results' in reply ? reply.results : [reply];
  return JSON.stringify({ ok: false, error: summaryOf(items, Buffer.byteLength(full), maxBytes, listed) });
}

function compactItem(item: ItemReply): ItemReply {
  if (item.ok) return item;
  const details = JSON.stringify(item.error.details);
  if (details.length <= SMALL_DETAILS) return item;
  const issues = item.error.details.issues;
  return {
    ok: false,
    error: {
      code: item.error.code,
      message: item.error.message,
      details: {
        compacted: true,
        ...(Array.isArray(issues) ? { issueCount: item.error.details.issueCount ?? issues.length } : {}),
      },
    },
  };
}

function summaryOf(items: ItemReply[], actual: number, limit: number, listed: number): Refusal {
  const byCode: Record<string, number> = {};
  const first: { index: number; code: string; message: string }[] = [];
  let stored = 0;
  let duplicates = 0;
  items.forEach((item, index) => {
    if (item.ok) {
      stored++;
      if (item.duplicate) duplicates++;
      return;
    }
    byCode[item.error.code] = (byCode[item.error.code] ?? 0) + 1;
    if (first.length < listed)
      first.push({ index, code: item.error.code, message: item.error.message.slice(0, 500) });
  });
  const refused = items.length - stored;
  return {
    code: 'REPLY_TOO_LARGE',
    message:
      `the reply would be ${actual} bytes, over the bus's max_payload of ${limit}: of ${items.length} items ` +
      `${stored} are stored (${duplicates} of them were already) and ${refused} refused; ` +
      'the refusals are recorded (dx rejections list); send smaller batches to get every answer',
    details: {
      rule: 'maxPayload',
      expected: limit,
      actual,
      items: items.length,
      stored,
      duplicates,
      refused,
      byCode,
      first,
    },
  };
}
