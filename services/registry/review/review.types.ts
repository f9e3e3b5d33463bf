/**
 * The evidence an architect reviews a version on, as the registry answers it over HTTP, NATS, `dx`
 * and the console: the schema diff against the version before it, the compatibility report, the
 * documentation check, the transforms and the consumers affected. Plain JSON; docs/registry.md
 * describes every field.
 */
import type { CompatibilityMode, Transition, VersionStatus } from '../../common/registry-state/index.js';
import type { JsonSchema } from '../../common/schemas/json-schema.types.js';
import type { ChangeType } from '../compatibility/change-types.js';
import type { DocumentationGap } from '../documentation/check-documentation.js';

/** One difference between two schemas, at a JSON pointer valid in both (where the value exists). */
export interface SchemaDiffEntry {
  /** RFC 6901 JSON pointer into the schemas; "" is the root. */
  pointer: string;
  op: 'added' | 'removed' | 'changed';
  /** The value in the older schema (absent when added). */
  before?: unknown;
  /** The value in the newer schema (absent when removed). */
  after?: unknown;
}

export interface SchemaDiff {
  /** The older version, or null when there is none to compare with (the first version). */
  from: string | null;
  to: string;
  /** Both whole schemas, so a page can show them side by side and mark the entries' pointers. */
  before: JsonSchema | null;
  after: JsonSchema;
  /** In the order of the newer schema's keys, then what only the older one had. */
  entries: SchemaDiffEntry[];
}

/** A change the compatibility checker found, from the older schema to the newer one. */
export interface ReportedChange {
  type: ChangeType;
  /** JSON pointer into the newer schema (for something removed, where it was in the older one). */
  pointer: string;
  /** Whether it breaks the contract's compatibility mode. */
  breaking: boolean;
}

export interface CompatibilityReport {
  mode: CompatibilityMode;
  /**
   * Whether the mode binds this version: true within a major; false for the first version of a new
   * major, which may break (its changes are still listed: the transforms must bridge them).
   */
  enforced: boolean;
  /** No breaking change against any version checked (always true when not enforced). */
  compatible: boolean;
  /** The version `changes` are listed against: the diff's `from`. */
  against: string | null;
  /** Every change from `against` to this version, breaking or not. */
  changes: ReportedChange[];
  /** The versions the mode checks against (transitive modes: every earlier one of the major). */
  checked: string[];
  /** Each checked version this one breaks, with the breaking changes. */
  failures: { version: string; changes: ReportedChange[] }[];
}

export interface DocumentationReport {
  complete: boolean;
  gaps: DocumentationGap[];
}

export interface TransformsReport {
  /** The JSONata the version carries (only the first version of a major carries any). */
  up?: string;
  down?: string;
  /** The newest live major below this version's major, or null. */
  previousLiveMajor: number | null;
  /** Data published with the previous live major reaches readers of this major (a chain of up transforms). */
  fromPrevious: boolean;
  /** Data published with this major reaches readers of the previous live major (down transforms). */
  toPrevious: boolean;
  /** What a reviewer should know: e.g. consumers of the previous major will receive nothing. */
  warnings: string[];
}

/** How data published with the reviewed version reaches a major a consumer reads. */
export type Reception = 'as-is' | 'converted' | 'nothing';

export interface AffectedConsumer {
  consumer: string;
  majors: number[];
  receives: { major: number; how: Reception }[];
}

export interface ReviewedVersion {
  version: string;
  major: number;
  /** `candidate` for a schema not recorded yet (a preview). */
  status: VersionStatus | 'candidate';
  digest: string;
  proposedBy?: string;
  proposedAt?: string;
  comment?: string;
  history: Transition[];
}

export interface ReviewEvidence {
  contract: { id: string; owner: string; title: string; compatibility: CompatibilityMode };
  version: ReviewedVersion;
  /** The version it is compared with: the newest earlier one of its major that was not rejected, else the newest live version of an earlier major. */
  previous: { version: string; status: VersionStatus } | null;
  diff: SchemaDiff;
  compatibility: CompatibilityReport;
  documentation: DocumentationReport;
  transforms: TransformsReport;
  consumers: AffectedConsumer[];
}

/** Two versions compared: GET /contracts/{id}/diff?from=A&to=B. */
export interface VersionComparison {
  contract: string;
  diff: SchemaDiff;
  /** The changes from `from` to `to` under the contract's mode (enforced only within a major). */
  compatibility: CompatibilityReport;
}
