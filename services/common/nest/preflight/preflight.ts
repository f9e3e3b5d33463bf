/**
 * Before the gateway does anything else it checks that PostgreSQL and NATS answer, both at once and each
 * within a few seconds, so that a machine without them gets a clear sentence instead of a hang or a stack.
 */
import type { DxConfig } from '../../config/config.js';
import type { DxError } from '../../errors/dx-error.js';
import { probeDatabase } from './probe-database.js';
import { probeNats } from './probe-nats.js';

export const PREFLIGHT_TIMEOUT_MS = 3000;

/** The servers that did not answer, PostgreSQL first; empty when both did. */
export async function preflight(
  config: Pick<DxConfig, 'databaseUrl' | 'natsUrl'>,
  timeoutMs = PREFLIGHT_TIMEOUT_MS,
): Promise<DxError[]> {
  const problems = await Promise.all([
    probeDatabase(config.databaseUrl, timeoutMs),
    probeNats(config.natsUrl, timeoutMs),
  ]);
  return problems.filter((problem): problem is DxError => problem !== undefined);
}
