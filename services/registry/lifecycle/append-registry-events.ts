/**
 * Appends a decision's registry events for one contract atomically, with the contract stream's
 * expected position, so two registry instances deciding at once cannot both win.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../common/db/schema.js';
import { appendEvents } from '../../common/event-store/append-events.js';
import { checkAppend } from '../../common/event-store/check-append.js';
import { DxError } from '../../common/errors/dx-error.js';
import {
  REGISTRY_CONTRACT,
  REGISTRY_CONTRACT_VERSION,
  REGISTRY_PRODUCER,
  type RegistryEvent,
} from '../../common/registry-state/index.js';

// Registry events carry whole schemas; allow them more room than ordinary payloads.
const MAX_REGISTRY_EVENT_BYTES = 4 * 1024 * 1024;

/** Appends all of `events` (one contract's) in one transaction, or none of them. Returns the last global position. */
export async function appendRegistryEvents(
  db: Kysely<DB>,
  contractId: string,
  events: RegistryEvent[],
  expectedPosition: number,
): Promise<number> {
  const requests = events.map((event, i) =>
    checkAppend(
      {
        contractId: REGISTRY_CONTRACT,
        contractVersion: REGISTRY_CONTRACT_VERSION,
        key: contractId,
        producer: REGISTRY_PRODUCER,
        msgId: `registry-${randomUUID()}`,
        payload: JSON.parse(JSON.stringify(event)) as Record<string, unknown>,
        expectedPosition: expectedPosition + i,
      },
      MAX_REGISTRY_EVENT_BYTES,
    ),
  );
  return db.transaction().execute(async (trx) => {
    const outcomes = await appendEvents(trx, requests);
    const failed = outcomes.find((o) => o instanceof DxError);
    if (failed) throw failed;
    return Math.max(...outcomes.map((o) => (o as { position: number }).position));
  });
}
