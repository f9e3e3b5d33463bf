/** The lifecycle's compatibility check: a new version against the versions before it in its major. */
import { checkAgainstHistory } from '../compatibility/check-against-history.js';
import type { CheckHistory } from './compatibility-check.types.js';

export const checkHistory: CheckHistory = (previous, next, mode) =>
  checkAgainstHistory(previous, next, { mode }).failures.map((failure) => ({
    index: failure.version,
    changes: failure.changes,
  }));
