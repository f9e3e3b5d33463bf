/** A worker's refusal as the hub's error: scenario problems as SCENARIO_INVALID, anything else as SIM_FAILED. */
import { DxError } from '../../common/errors/dx-error.js';
import type { WorkerFailure } from './worker-protocol.js';

export function workerFailureToError(failure: WorkerFailure): DxError {
  const problems = failure.details?.problems;
  if (Array.isArray(problems) && problems.length > 0) {
    return new DxError('SCENARIO_INVALID', `the scenario has ${problems.length} problem(s)`, { problems });
  }
  return new DxError('SIM_FAILED', failure.message, { cause: failure.code, ...(failure.details ?? {}) });
}
