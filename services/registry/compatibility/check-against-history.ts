/**
 * checkAgainstHistory(previous, next, { mode, lenient }): whether `next` may follow the versions
 * before it (oldest first). Transitive modes check it against every earlier version, the others
 * against the latest only (Confluent's rule); each version it fails against is reported with the
 * changes that break it.
 */
import { isTransitive, parseCompatibilityMode } from './compatibility-mode.js';
import { checkCompatibility } from './check-compatibility.js';
import type { CompatibilityOptions, SchemaChange } from './compatibility.types.js';

export interface HistoryFailure {
  /** Index of the earlier version in `previous`. */
  version: number;
  /** Only the breaking changes. */
  changes: SchemaChange[];
}

export interface HistoryResult {
  compatible: boolean;
  /** Indexes of the earlier versions `next` was checked against. */
  checked: number[];
  failures: HistoryFailure[];
}

export function checkAgainstHistory(
  previous: readonly unknown[],
  next: unknown,
  options: CompatibilityOptions = {},
): HistoryResult {
  const mode = parseCompatibilityMode(options.mode ?? 'BACKWARD');
  const checked =
    mode === 'NONE' || previous.length === 0
      ? []
      : isTransitive(mode)
        ? previous.map((_, index) => index)
        : [previous.length - 1];
  const failures: HistoryFailure[] = [];
  for (const version of checked) {
    const result = checkCompatibility(previous[version], next, { mode, lenient: options.lenient });
    if (!result.compatible) {
      failures.push({ version, changes: result.changes.filter((change) => change.breaking) });
    }
  }
  return { compatible: failures.length === 0, checked, failures };
}
