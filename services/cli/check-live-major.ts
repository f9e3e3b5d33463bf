/**
 * Before `dx tail` waits for live events: asks the registry (dx.registry.get, over NATS) whether the
 * contract exists and the major has a live version, since nothing would ever arrive otherwise and the
 * command would wait without a word. A registry that does not answer is not an error (the hub may run
 * without it); the caller is told that nothing was checked.
 */
import type { NatsConnection } from '@nats-io/transport-node';
import { describeError } from '../common/errors/describe-error.js';
import { SUBJECTS } from '../common/nats/subjects.js';
import { LIVE_STATUSES, type VersionStatus } from '../common/registry-state/index.js';
import { CliFailure, EXIT } from './exit-codes.js';

const REGISTRY_TIMEOUT_MS = 3000;

interface ContractReply {
  ok: boolean;
  result?: { versions: { version: string; major: number; status: VersionStatus }[] };
  error?: { code: string; message: string };
}

/** Resolves with a warning to print when the registry could not be asked; throws when it says no. */
export async function checkLiveMajor(
  nats: NatsConnection,
  contract: string,
  major: number,
): Promise<string | undefined> {
  let reply: ContractReply;
  try {
    const answer = await nats.request(SUBJECTS.registry('get'), JSON.stringify({ contract }), {
      timeout: REGISTRY_TIMEOUT_MS,
    });
    reply = answer.json<ContractReply>();
  } catch (error) {
    return `warning: the registry did not answer (${describeError(error)}); not checked that ${contract} has a live version of major ${major}`;
  }
  if (!reply.ok) throw new CliFailure(`${reply.error!.code}: ${reply.error!.message}`, EXIT.found);
  const versions = reply.result!.versions;
  const live = versions.filter((v) => LIVE_STATUSES.includes(v.status));
  if (live.some((v) => v.major === major)) return undefined;
  const ofMajor = versions.filter((v) => v.major === major).map((v) => `${v.version} is ${v.status}`);
  const liveMajors = [...new Set(live.map((v) => v.major))].sort((a, b) => a - b);
  throw new CliFailure(
    `${contract} has no live version of major ${major}` +
      `${ofMajor.length > 0 ? ` (${ofMajor.join(', ')})` : ''}, so nothing would arrive; ` +
      (liveMajors.length > 0
        ? `its live majors: ${liveMajors.join(', ')} (--major ${liveMajors.at(-1)})`
        : 'it has no live version yet: a version must be approved first'),
    EXIT.found,
  );
}
