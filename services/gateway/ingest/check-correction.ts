/**
 * A correction (the dx-corrects header) names the global position of the event it supersedes. It is a
 * publish like any other, so only the contract's owner gets this far; the event it names must be of
 * the same contract and key, and not corrected already (corrections of a reading form a chain: correct
 * the newest). A single message only, like dx-expected-position.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../common/db/schema.js';
import { DxError } from '../../common/errors/dx-error.js';
import { readCorrectionTarget } from '../../common/event-store/read-correction-target.js';
import { HEADERS } from '../../common/nats/subjects.js';

export function parseCorrects(raw: string | undefined, batch: boolean): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^[1-9]\d{0,15}$/.test(raw) || !Number.isSafeInteger(Number(raw))) {
    throw new DxError(
      'BAD_ARGUMENT',
      `${HEADERS.corrects} must be a global position >= 1, got ${JSON.stringify(raw)}`,
      {
        header: HEADERS.corrects,
        rule: 'type',
        expected: 'integer >= 1',
      },
    );
  }
  if (batch) {
    throw new DxError('BAD_ARGUMENT', `${HEADERS.corrects} applies to single messages, not to a batch`, {
      header: HEADERS.corrects,
      rule: 'single',
    });
  }
  return Number(raw);
}

export async function checkCorrection(
  db: Kysely<DB>,
  supersedes: number,
  contractId: string,
  key: string,
): Promise<void> {
  const target = await readCorrectionTarget(db, supersedes);
  const refuse = (message: string, details: Record<string, unknown>) =>
    new DxError('CORRECTION_INVALID', message, { header: HEADERS.corrects, supersedes, ...details });
  if (!target)
    throw refuse(`there is no event at global position ${supersedes} to correct`, { rule: 'exists' });
  if (target.contractId !== contractId || target.key !== key) {
    throw refuse(
      `event ${supersedes} is about ${target.contractId}/${target.key}; a correction must be about the same (${contractId}/${key})`,
      { rule: 'same-stream', expected: `${target.contractId}/${target.key}`, actual: `${contractId}/${key}` },
    );
  }
  if (target.correctedBy !== null) {
    throw new DxError(
      'CORRECTION_CONFLICT',
      `event ${supersedes} was already corrected by event ${target.correctedBy}; correct ${target.correctedBy} instead`,
      { header: HEADERS.corrects, supersedes, correctedBy: target.correctedBy, rule: 'once' },
    );
  }
}
