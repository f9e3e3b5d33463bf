/**
 * Plant messages to the hub in batches, without waiting for a batch to fill: a message goes at once
 * while fewer than `concurrency` requests of its contract version are in flight, and otherwise waits
 * for the next one, which takes everything that waited (up to `maxItems`). Light load: one message a
 * request, no added latency; heavy load: one request for many messages, as a group commit does. Each
 * message keeps its own message id (EdgeHub.publishBatch), so batching never makes a message that is
 * sent again look new. Every message resolves on its own once it is safe, and the caller (the MQTT
 * session's acknowledgement window) acknowledges it then.
 *
 * A key is in one request at a time: a message waits while an earlier one of its key is in flight (and
 * so do the later ones of that key), so that a request retried after a timeout can never be stored
 * behind the next one of its stream, whichever gateway answers which request first. Messages whose key
 * the hub derives from the payload (no `key` in the mapping) count as one key.
 */
import type { EdgeHub, EdgeItem, PublishOutcome } from './edge-hub.js';

export interface BatchSettings {
  /** Most plant messages in one hub request (DX_EDGE_BATCH_ITEMS; 1: one request per message). */
  maxItems: number;
  /** Hub requests of one contract version in flight at once (DX_EDGE_BATCH_CONCURRENCY). */
  concurrency: number;
}

interface Waiting {
  item: EdgeItem;
  done: (outcome: PublishOutcome) => void;
  failed: (error: unknown) => void;
}

interface Lane {
  contract: string;
  version: string;
  waiting: Waiting[];
  inFlight: number;
  /** Keys in a request in flight, with how many of their messages. */
  busy: Map<string, number>;
}

export class PublishBatcher {
  private readonly lanes = new Map<string, Lane>();

  constructor(
    private readonly hub: EdgeHub,
    private readonly settings: BatchSettings,
  ) {}

  /** Resolves once this message is safe (stored, a duplicate, buffered, or refused and recorded). */
  publish(contract: string, version: string, item: EdgeItem): Promise<PublishOutcome> {
    const id = `${contract}@${version}`;
    let lane = this.lanes.get(id);
    if (!lane) {
      lane = { contract, version, waiting: [], inFlight: 0, busy: new Map() };
      this.lanes.set(id, lane);
    }
    const done = new Promise<PublishOutcome>((resolve, reject) =>
      lane.waiting.push({ item, done: resolve, failed: reject }),
    );
    this.send(lane);
    return done;
  }

  private send(lane: Lane): void {
    while (lane.waiting.length > 0 && lane.inFlight < this.settings.concurrency) {
      const batch = this.take(lane);
      if (batch.length === 0) return;
      const keys = batch.map((w) => keyOf(w.item));
      for (const key of keys) lane.busy.set(key, (lane.busy.get(key) ?? 0) + 1);
      lane.inFlight++;
      this.hub
        .publishBatch(
          lane.contract,
          lane.version,
          batch.map((w) => w.item),
        )
        .then(
          (outcomes) => batch.forEach((w, i) => w.done(outcomes[i]!)),
          (error: unknown) => batch.forEach((w) => w.failed(error)),
        )
        .finally(() => {
          for (const key of keys) {
            const left = lane.busy.get(key)! - 1;
            if (left === 0) lane.busy.delete(key);
            else lane.busy.set(key, left);
          }
          lane.inFlight--;
          this.send(lane);
        });
    }
  }

  /** The next request's messages, in arrival order: up to maxItems, none of a key in flight. */
  private take(lane: Lane): Waiting[] {
    const taken: Waiting[] = [];
    const kept: Waiting[] = [];
    const held = new Set<string>();
    let next = 0;
    for (; next < lane.waiting.length && taken.length < this.settings.maxItems; next++) {
      const waiting = lane.waiting[next]!;
      const key = keyOf(waiting.item);
      if (lane.busy.has(key) || held.has(key)) {
        held.add(key);
        kept.push(waiting);
      } else taken.push(waiting);
    }
    lane.waiting = kept.concat(lane.waiting.slice(next));
    return taken;
  }
}

function keyOf(item: EdgeItem): string {
  return item.key ?? '';
}
