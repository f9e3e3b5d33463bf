/**
 * The load a fault lands in: producers publishing through the client library, each one message (or
 * batch) at a time on keys of its own, every call awaited, so the order they published in is the order
 * their streams must show. Three kinds: one event per request without a buffer (retried until the hub
 * answers), batches of ten, and one event per request through the store-and-forward buffer (awaiting
 * delivery). Every outcome is kept: acked with positions, refused, or unanswered.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DxClient, HubRefusedError, type ItemResult } from '../../../services/client/index.js';
import { reactorReading } from '../../support/reactor-reading.js';

export const CONTRACT = 'scada.reactor-telemetry';

/** What one message id came to, from its producer's side. */
export interface Sent {
  msgId: string;
  key: string;
  /** Publish order within the producer. */
  seq: number;
  outcome: 'acked' | 'refused' | 'unanswered';
  position?: number;
  streamPosition?: number;
  code?: string;
  /** From the publish call to its final answer, retries and buffering included. */
  ms: number;
}

export interface Producer {
  name: string;
  sent: Sent[];
  /** Stops after the publish under way has its final answer. */
  stop(): Promise<void>;
}

interface ProducerOptions {
  natsUrl: string;
  /** Names this scenario's message ids and keys apart. */
  tag: string;
  kind: 'single' | 'batch' | 'buffered';
  /** Keys (equipment ids R###) this producer writes, in turn. */
  keys: string[];
  /** Pause between publishes. */
  everyMs: number;
}

/** Retries for as long as any fault of the suite lasts (10 s outages, restarts), and then some. */
const PATIENT = { attempts: 80, initialDelayMs: 100, maxDelayMs: 1000 };

export async function startProducer(options: ProducerOptions): Promise<Producer> {
  const bufferDir =
    options.kind === 'buffered' ? mkdtempSync(path.join(tmpdir(), `dx-fault-${options.tag}-`)) : undefined;
  const client = await DxClient.connect({
    nats: options.natsUrl,
    producer: 'scada',
    bufferDir,
    requestTimeoutMs: 3000,
    retry: PATIENT,
  });
  const sent: Sent[] = [];
  let running = true;
  let seq = 0;
  const loop = (async () => {
    for (let n = 0; running; n++) {
      const key = options.keys[n % options.keys.length]!;
      const msgId = `${options.tag}-${options.kind}-${n}`;
      if (options.kind === 'batch') await publishBatch(client, sent, msgId, key, () => seq++);
      else await publishOne(client, sent, msgId, key, seq++, options.kind === 'buffered');
      await new Promise((r) => setTimeout(r, options.everyMs));
    }
  })();
  return {
    name: `${options.kind} ${options.keys.join(',')}`,
    sent,
    async stop() {
      running = false;
      await loop;
      await client.close();
      if (bufferDir) rmSync(bufferDir, { recursive: true, force: true });
    },
  };
}

async function publishOne(
  client: DxClient,
  sent: Sent[],
  msgId: string,
  key: string,
  seq: number,
  buffered: boolean,
): Promise<void> {
  const payload = reactorReading(key, 200 + (seq % 100));
  const started = Date.now();
  try {
    const result = buffered
      ? await client.publish(CONTRACT, payload, { version: '1.0.0', msgId, awaitDelivery: true })
      : await client.publish(CONTRACT, payload, { version: '1.0.0', msgId });
    if (result.buffered) throw new Error('a buffered publish resolved before delivery');
    sent.push({
      msgId,
      key,
      seq,
      outcome: 'acked',
      position: result.position,
      streamPosition: result.streamPosition,
      ms: Date.now() - started,
    });
  } catch (error) {
    sent.push(outcomeOf(error, msgId, key, seq, Date.now() - started));
  }
}

async function publishBatch(
  client: DxClient,
  sent: Sent[],
  msgId: string,
  key: string,
  nextSeq: () => number,
): Promise<void> {
  const seqs = Array.from({ length: 10 }, () => nextSeq());
  const payloads = seqs.map((seq) => reactorReading(key, 200 + (seq % 100)));
  const started = Date.now();
  try {
    const result = await client.publish(CONTRACT, payloads, { version: '1.0.0', msgId });
    if (result.buffered) throw new Error('an unbuffered publish was buffered');
    const ms = Date.now() - started;
    result.results.forEach((item: ItemResult, i) => {
      const id = `${msgId}:${i}`;
      sent.push(
        item.ok
          ? {
              msgId: id,
              key,
              seq: seqs[i]!,
              outcome: 'acked',
              position: item.position,
              streamPosition: item.streamPosition,
              ms,
            }
          : { msgId: id, key, seq: seqs[i]!, outcome: 'refused', code: item.error.code, ms },
      );
    });
  } catch (error) {
    seqs.forEach((seq, i) => sent.push(outcomeOf(error, `${msgId}:${i}`, key, seq, Date.now() - started)));
  }
}

function outcomeOf(error: unknown, msgId: string, key: string, seq: number, ms: number): Sent {
  if (error instanceof HubRefusedError) return { msgId, key, seq, outcome: 'refused', code: error.code, ms };
  const code = error instanceof Error ? error.message : String(error);
  return { msgId, key, seq, outcome: 'unanswered', code, ms };
}
