/** Readings of three streams (R101, R201, P101) under one contract, appended concurrently. */
import type { EventStore } from '../../services/common/event-store/event-store.js';

let nextMsg = 0;

/** `perStream` readings for each of R101, R201 and P101 under `contract`, written concurrently. */
export async function seedReadings(store: EventStore, contract: string, perStream = 5): Promise<void> {
  const appends = [];
  for (let i = 1; i <= perStream; i++) {
    for (const key of ['R101', 'R201', 'P101']) {
      appends.push(
        store.append({
          contractId: contract,
          contractVersion: '1.0.0',
          key,
          producer: 'scada',
          msgId: `seeded-${++nextMsg}`,
          payload: { tag: `TI-${key}`, temperature: 200 + i, quality: 'good' },
        }),
      );
    }
  }
  await Promise.all(appends);
}
