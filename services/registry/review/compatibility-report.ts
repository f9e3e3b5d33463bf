/**
 * The compatibility report of a version: every change from the version before it, each marked
 * breaking or not under the contract's mode, and, within a major, the mode's verdict against every
 * version it checks (the same check a proposal must pass).
 */
import type { CompatibilityMode, VersionState } from '../../common/registry-state/index.js';
import type { JsonSchema } from '../../common/schemas/json-schema.types.js';
import { checkAgainstHistory } from '../compatibility/check-against-history.js';
import { checkCompatibility } from '../compatibility/check-compatibility.js';
import type { SchemaChange } from '../compatibility/compatibility.types.js';
import type { CompatibilityReport, ReportedChange } from './review.types.js';

export interface CompatibilityInput {
  mode: CompatibilityMode;
  schema: JsonSchema;
  /** The version the changes are listed against (the diff's `from`). */
  previous: VersionState | undefined;
  /** The earlier versions of the same major, oldest first: what the mode checks against. */
  history: VersionState[];
}

export function compatibilityReport({
  mode,
  schema,
  previous,
  history,
}: CompatibilityInput): CompatibilityReport {
  const changes = previous ? checkCompatibility(previous.schema, schema, { mode }).changes.map(reported) : [];
  if (history.length === 0) {
    return {
      mode,
      enforced: false,
      compatible: true,
      against: previous?.version ?? null,
      changes,
      checked: [],
      failures: [],
    };
  }
  const result = checkAgainstHistory(
    history.map((v) => v.schema),
    schema,
    { mode },
  );
  return {
    mode,
    enforced: true,
    compatible: result.compatible,
    against: previous?.version ?? null,
    changes,
    checked: result.checked.map((index) => history[index]!.version),
    failures: result.failures.map((failure) => ({
      version: history[failure.version]!.version,
      changes: failure.changes.map(reported),
    })),
  };
}

/** The checker's `#/a/b` paths as plain JSON pointers (`/a/b`), as the diff uses them. */
export function reported(change: SchemaChange): ReportedChange {
  return { type: change.type, pointer: change.path.replace(/^#/, ''), breaking: change.breaking };
}
