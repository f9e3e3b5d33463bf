/**
 * What a fault did, counted from three sides: what the producers were told, what the store holds, and
 * what the subscriber was handed. Lost and duplicated must be 0 on both sides, each stream in order.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../services/common/db/schema.js';
import type { EventEnvelope } from '../../../services/client/index.js';
import type { Sent } from './load.js';

export interface FaultRow {
  fault: string;
  /** Messages the hub acknowledged with positions. */
  acked: number;
  /** Events of the load in the store. */
  stored: number;
  /** Messages refused (load) and poison inputs answered with a refusal. */
  refused: number;
  /** Publishes that never got an answer after all their retries (may or may not be stored). */
  unanswered: number;
  /** Acknowledged but not in the store at the acknowledged position. */
  lost: number;
  /** Stored more than once (the same message id). */
  duplicated: number;
  /** Stored events the subscriber was handed (each counted once). */
  received: number;
  /** Stored events the subscriber never got. */
  missedBySubscriber: number;
  /** Events the subscriber got more than once. */
  duplicatedBySubscriber: number;
  /** Streams whose order in the store or at the subscriber differs from the publish order, or has a gap. */
  outOfOrder: number;
  /** What the first few disorders were, so that a failure says where to look. */
  disorders: string[];
  /** Gateways that exited without being killed. */
  crashed: number;
  /** The longest a publish waited for its acknowledgement (what the fault cost the producers), ms. */
  slowestAckMs: number;
}

export interface StoredEvent {
  msgId: string;
  key: string;
  position: number;
  streamPosition: number;
}

export async function storedEvents(db: Kysely<DB>): Promise<StoredEvent[]> {
  const { rows } = await sql<StoredEvent>`
    SELECT msg_id AS "msgId", key, global_position AS position, stream_position AS "streamPosition"
    FROM dx.events WHERE contract_id = 'scada.reactor-telemetry' ORDER BY global_position`.execute(db);
  return rows;
}

export function tally(
  fault: string,
  sent: Sent[],
  stored: StoredEvent[],
  received: EventEnvelope[],
  extra: { refused?: number; crashed: number },
): FaultRow {
  const byMsgId = new Map<string, StoredEvent[]>();
  for (const event of stored) byMsgId.set(event.msgId, [...(byMsgId.get(event.msgId) ?? []), event]);
  const acked = sent.filter((s) => s.outcome === 'acked');
  const lost = acked.filter((s) => byMsgId.get(s.msgId)?.[0]?.position !== s.position).length;
  const duplicated = [...byMsgId.values()].filter((events) => events.length > 1).length;

  // Store order: each producer publishes one call at a time, so its keys' stream positions follow its sequence.
  let outOfOrder = 0;
  const disorders: string[] = [];
  const disorder = (what: string) => {
    outOfOrder++;
    if (disorders.length < 5) disorders.push(what);
  };
  const stream = new Map<string, number>();
  for (const s of [...sent].sort((a, b) => a.seq - b.seq || a.msgId.localeCompare(b.msgId))) {
    const event = byMsgId.get(s.msgId)?.[0];
    if (!event) continue;
    const id = `${s.msgId.split('-').slice(0, 2).join('-')}/${s.key}`;
    const before = stream.get(id) ?? 0;
    if (before >= event.streamPosition)
      disorder(
        `store: ${s.msgId} (seq ${s.seq}) of ${id} at stream position ${event.streamPosition} after ${before}`,
      );
    stream.set(id, event.streamPosition);
  }

  // Subscriber: every stored event once, each key's stream positions 1, 2, 3, ... in the order handed.
  const seen = new Map<number, number>();
  for (const event of received) seen.set(event.position, (seen.get(event.position) ?? 0) + 1);
  const nextOfKey = new Map<string, number>();
  for (const event of received) {
    const expected = (nextOfKey.get(event.key) ?? 0) + 1;
    if (event.streamPosition === expected) nextOfKey.set(event.key, expected);
    else if (event.streamPosition > expected) {
      disorder(
        `subscriber: ${event.key}#${event.streamPosition} (position ${event.position}) handed when ` +
          `#${expected} was due`,
      );
      nextOfKey.set(event.key, event.streamPosition);
    }
  }
  return {
    fault,
    acked: acked.length,
    stored: stored.length,
    refused: sent.filter((s) => s.outcome === 'refused').length + (extra.refused ?? 0),
    unanswered: sent.filter((s) => s.outcome === 'unanswered').length,
    lost,
    duplicated,
    received: stored.filter((e) => seen.has(e.position)).length,
    missedBySubscriber: stored.filter((e) => !seen.has(e.position)).length,
    duplicatedBySubscriber: [...seen.values()].filter((n) => n > 1).length,
    outOfOrder,
    disorders,
    crashed: extra.crashed,
    slowestAckMs: Math.max(0, ...acked.map((s) => s.ms)),
  };
}
