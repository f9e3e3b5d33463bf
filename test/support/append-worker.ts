/**
 * A separate writer process for the concurrency tests: appends `count` events round-robin over
 * `streams` streams with `concurrency` appends in flight, then prints its results as one JSON line.
 * Usage: node dist/test/support/append-worker.js DATABASE_URL PRODUCER COUNT STREAMS CONCURRENCY
 */
import { createDb } from '../../services/common/db/create-db.js';
import { EventStore } from '../../services/common/event-store/event-store.js';
import type { AppendResult } from '../../services/common/event-store/event-store.types.js';

const [url, producer, count, streams, concurrency] = process.argv.slice(2);
const total = Number(count);
const { db } = createDb(url!);
const store = new EventStore(db);
const results: AppendResult[] = [];
let next = 0;

async function producerLoop(): Promise<void> {
  while (next < total) {
    const i = next++;
    results.push(
      await store.append({
        contractId: 'scada.reactor-telemetry',
        contractVersion: '1.0.0',
        key: `S-${i % Number(streams)}`,
        producer: producer!,
        msgId: `${producer}-${i}`,
        payload: { tag: 'TI-101', value: i },
      }),
    );
  }
}

await Promise.all(Array.from({ length: Number(concurrency) }, producerLoop));
await db.destroy();
process.stdout.write(`${JSON.stringify(results)}\n`);
