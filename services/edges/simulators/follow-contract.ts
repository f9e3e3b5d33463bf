/**
 * How the demo's simulated subsystems follow a contract: subscribe with catch-up from the checkpoint
 * they saved, so a restart neither misses nor repeats much (and what repeats is published again under
 * the same derived message ids, which the hub stores once).
 */
import path from 'node:path';
import type { DxClient, DxSubscription, EventEnvelope } from '../../client/index.js';
import { readState, writeState } from '../shared/state-file.js';

export async function followContract(
  client: DxClient,
  stateDir: string,
  contract: string,
  handler: (event: EventEnvelope) => Promise<void>,
): Promise<DxSubscription> {
  const file = path.join(stateDir, `follow.${contract}.json`);
  const saved = await readState<{ checkpoint: number }>(file);
  const made: { subscription?: DxSubscription } = {};
  let saving = Promise.resolve();
  made.subscription = await client.subscribe(
    contract,
    { major: 1, from: saved?.checkpoint ?? 0 },
    async (event) => {
      await handler(event);
      const checkpoint = made.subscription?.checkpoint ?? 0;
      saving = saving.then(() => writeState(file, { checkpoint })).catch(() => undefined);
    },
  );
  return made.subscription;
}
