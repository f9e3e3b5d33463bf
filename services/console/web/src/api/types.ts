/** The shapes the hub's services answer with, as the console reads them. */

export type Role = 'subsystem' | 'architect';

export interface Identity {
  id: string;
  role: Role;
}

export interface DevToken extends Identity {
  token: string;
}

export type VersionStatus = 'proposed' | 'approved' | 'rejected' | 'active' | 'deprecated' | 'retired';

export interface Transition {
  status: VersionStatus;
  by: string;
  at: string;
  comment?: string;
}

export interface VersionView {
  version: string;
  major: number;
  status: VersionStatus;
  digest: string;
  sunset?: string;
  history: Transition[];
  hasTransforms: boolean;
}

export interface ContractDescriptor {
  id: string;
  owner: string;
  title: string;
  description: string;
  key: string | null;
  compatibility: string;
  tags?: string[];
}

export interface ContractView {
  descriptor: ContractDescriptor;
  createdAt: string;
  versions: VersionView[];
  consumers: { consumer: string; majors: number[] }[];
  pendingOwner?: { newOwner: string; by: string; at: string };
}

/** A JSON Schema, as loosely as the documentation renderer needs it. */
export interface JsonSchema {
  [keyword: string]: unknown;
}

export interface Recorded {
  ok: true;
  recorded: string[];
  contract: ContractView;
}

export interface EventEnvelope {
  position: number;
  streamPosition: number;
  contract: string;
  version: string;
  key: string;
  producer: string;
  msgId: string;
  recordedAt: string;
  hash: string;
  data: Record<string, unknown>;
}

export interface Series {
  contract: string;
  key: string;
  fields: string[];
  time: number[];
  position: number[];
  values: unknown[][];
  truncated: boolean;
}

export type ProblemKind = 'edited' | 'deleted' | 'reordered' | 'head-mismatch';

export interface ChainProblem {
  kind: ProblemKind;
  position: number | null;
  contract: string;
  key: string;
  streamPosition: number;
  detail: string;
}

export interface ChainResult {
  events: number;
  streams: number;
  problems: ChainProblem[];
  contracts: string[] | 'all';
  seconds: number;
}

export type AnchorHead = [
  contract: string,
  key: string,
  streamPosition: number,
  globalPosition: number,
  hash: string,
];

export interface AnchorCheck {
  anchor: {
    id: number | null;
    globalPosition: number;
    events: number;
    streams: number;
    root: string;
    anchoredAt: string;
  };
  source: 'file' | 'database';
  foundRoot: string;
  intact: boolean;
  differences: {
    kind: string;
    contract: string | null;
    key: string | null;
    anchored: AnchorHead | null;
    found: AnchorHead | null;
    detail: string;
  }[];
}

export interface AnchorsResult {
  source: 'file' | 'database';
  checks: AnchorCheck[];
  seconds: number;
}

export interface ServiceHealth {
  name: string;
  url: string;
  up: boolean;
  latencyMs: number;
  status?: number;
  report?: {
    status?: string;
    database?: { ok: boolean; latencyMs: number };
    nats?: { ok: boolean; latencyMs: number };
  };
  error?: string;
}

export interface HealthOverview {
  at: string;
  services: ServiceHealth[];
  ingest: { events: Record<string, number>; refusals: Record<string, number> } | null;
}

export interface Refusal {
  id: number;
  receivedAt: string;
  transport: string;
  contract: string;
  version: string | null;
  producer: string | null;
  key: string | null;
  code: string;
  message: string;
  details: Record<string, unknown>;
  payload: string;
}

export interface SessionStatus {
  id: string;
  scenarioId: string;
  state: 'running' | 'stopped' | 'failed';
  periodSeconds: number;
  ticks: number;
  overruns: number;
  errors: number;
  lastError?: { code: string; message: string };
  simulatedSeconds: number;
  published: number;
  startedAt: string;
  lastForecast?: Record<string, unknown>;
}

export interface SimStatus {
  pool: Record<string, unknown>;
  runs: { id: string; op: string; state: string }[];
  sessions: SessionStatus[];
}

export interface ModelDescription {
  name?: string;
  description?: string;
  parameters?: Record<string, unknown>;
  states?: Record<string, unknown>;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  [more: string]: unknown;
}

export interface SimModels {
  models?: Record<string, ModelDescription> | ModelDescription[];
  functions?: unknown;
  instances?: { id: string; model: string; [more: string]: unknown }[];
  [more: string]: unknown;
}

/** The hub's refusal shape, carried by every failed call. */
export interface HubErrorBody {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

export interface StreamSummary {
  contract: string;
  key: string;
  events: number;
  updatedAt: string;
}

/** The registry's review evidence of a version (docs/registry.md#review-evidence). */
export interface SchemaDiffEntry {
  pointer: string;
  op: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
}

export interface ReportedChange {
  type: string;
  pointer: string;
  breaking: boolean;
}

export interface ReviewEvidence {
  contract: { id: string; owner: string; title: string; compatibility: string };
  version: {
    version: string;
    major: number;
    status: VersionStatus | 'candidate';
    digest: string;
    proposedBy?: string;
    proposedAt?: string;
    comment?: string;
    history: Transition[];
  };
  previous: { version: string; status: VersionStatus } | null;
  diff: {
    from: string | null;
    to: string;
    before: JsonSchema | null;
    after: JsonSchema;
    entries: SchemaDiffEntry[];
  };
  compatibility: {
    mode: string;
    enforced: boolean;
    compatible: boolean;
    against: string | null;
    changes: ReportedChange[];
    checked: string[];
    failures: { version: string; changes: ReportedChange[] }[];
  };
  documentation: { complete: boolean; gaps: { pointer: string; rule: string; message: string }[] };
  transforms: {
    up?: string;
    down?: string;
    previousLiveMajor: number | null;
    fromPrevious: boolean;
    toPrevious: boolean;
    warnings: string[];
  };
  consumers: {
    consumer: string;
    majors: number[];
    receives: { major: number; how: 'as-is' | 'converted' | 'nothing' }[];
  }[];
}

export interface Proposal {
  contract: string;
  owner: string;
  version: string;
  proposedBy: string;
  proposedAt: string;
  comment?: string;
}

/** A step of a lineage walk (GET /api/v1/lineage/{position} on the gateway). */
export interface LineageNode {
  position: number;
  contract: string;
  version: string;
  key: string;
  producer: string;
  recordedAt: string;
  /** simulated, derived or source (a measurement). */
  origin: string;
  madeBy?: Record<string, unknown>;
  inputs: {
    role: string;
    contract: string;
    key: string;
    fromPosition: number;
    toPosition: number;
    count: number;
    events: LineageNode[];
    more: number;
    /** The reader may not read this contract: its events are left out. */
    hidden?: true;
  }[];
  truncated?: boolean;
}

export type AssetLevel = 'enterprise' | 'site' | 'area' | 'unit' | 'equipment';

/** What every asset has, in the tree and on its own. */
interface AssetBase {
  id: string;
  level: AssetLevel;
  type: string;
  name: string;
  parent: string | null;
  updatedAt: string;
}

/** One node of the plant's asset tree (GET /api/v1/assets). */
export interface AssetTreeNode extends AssetBase {
  /** The names of its signals. */
  signals: string[];
  children: AssetTreeNode[];
}

/** A signal of an asset with its value at the instant asked (or why it has none). */
export interface AssetSignal {
  name: string;
  contract: string;
  key: string;
  field: string;
  tag?: string;
  unit?: string | null;
  value?: number | null;
  eventTime?: string;
  position?: number;
  forbidden?: boolean;
}

/** An asset as GET /api/v1/assets/{id} gives it. */
export interface AssetView extends AssetBase {
  design?: Record<string, { value: number | string; unit?: string }>;
  children: string[];
  signals: AssetSignal[];
}

/** A history answer: buckets of one numeric field (GET /api/v1/assets/{id}/history/{signal}). */
export interface HistoryAnswer {
  unit: string | null;
  buckets: { start: string; mean?: number; min?: number; max?: number; count?: number }[];
}
