/** The kysely view of the `dx` schema. Positions are bigint in PostgreSQL and plain numbers here (see create-db.ts). */
import type { ColumnType, Generated } from 'kysely';

export interface EventsTable {
  global_position: number;
  tx_id: Generated<string>;
  contract_id: string;
  contract_version: string;
  key: string;
  stream_position: number;
  producer: string;
  msg_id: string;
  payload: ColumnType<unknown, string, never>;
  recorded_at: Date;
  /** The payload's own time, when its contract version names one (x-event-time); else null. */
  event_at: ColumnType<Date | null, never, never>;
  /** The global position of the event this one corrects, or null. */
  supersedes: ColumnType<number | null, never, never>;
  hash: Buffer;
}

export interface StreamsTable {
  contract_id: string;
  key: string;
  position: number;
  head_hash: Buffer;
  last_global_position: number;
  updated_at: Date;
}

export interface RejectionsTable {
  id: Generated<number>;
  received_at: Generated<Date>;
  transport: string;
  contract_id: string;
  contract_version: string | null;
  producer: string | null;
  msg_id: string | null;
  key: string | null;
  code: string;
  message: string;
  details: ColumnType<Record<string, unknown>, string, never>;
  /** The payload, or its first bytes when payload_truncated; base64 when payload_encoding says so. */
  payload: string;
  /** The whole payload's length in bytes (null in rows recorded before it was kept). */
  payload_bytes: number | null;
  /** Hex SHA-256 of the whole payload; null when the whole was never read (a body over the limit). */
  payload_sha256: string | null;
  payload_truncated: Generated<boolean>;
  payload_encoding: Generated<'utf8' | 'base64'>;
  request_id: string | null;
}

/** One anchor: the digest of the store at a global position (audit/create-anchor.ts). */
export interface AnchorsTable {
  id: Generated<number>;
  global_position: number;
  events: number;
  streams: number;
  root: Buffer;
  anchored_at: Date;
}

/** The head of every stream at an anchor's global position: what lets a mismatch name its streams. */
export interface AnchorHeadsTable {
  anchor_id: number;
  contract_id: string;
  key: string;
  stream_position: number;
  global_position: number;
  hash: Buffer;
}

/** The history projection (services/common/history/): numeric fields of events as samples. */
export interface HistoryStreamsTable {
  id: Generated<number>;
  contract_id: string;
  key: string;
}

export interface HistorySeriesTable {
  id: Generated<number>;
  contract_id: string;
  key: string;
  field: string;
  unit: string | null;
  stream_id: number;
  /** Where the series' value sits in the `values` of its stream's rows (1-based). */
  slot: number;
}

/** One row per event and stream: the event's numbers, each in its series' slot. */
export interface HistoryRowsTable {
  stream_id: number;
  at: Date;
  position: number;
  recorded_at: Date;
  superseded_at: Date | null;
  values: (number | null)[];
}

export interface HistoryMinutesTable {
  series_id: number;
  minute: Date;
  count: number;
  sum: number;
  min: number;
  max: number;
  first_at: Date;
  first_value: number;
  last_at: Date;
  last_value: number;
}

/** Checkpoints of projections that follow the log. */
export interface ProjectionsTable {
  name: string;
  position: number;
  /** Incremented by a rebuild: cached series ids of an older generation are void. */
  generation: number;
  updated_at: Generated<Date>;
}

export interface DB {
  'dx.events': EventsTable;
  'dx.streams': StreamsTable;
  'dx.rejections': RejectionsTable;
  'dx.anchors': AnchorsTable;
  'dx.anchor_heads': AnchorHeadsTable;
  'dx.history_streams': HistoryStreamsTable;
  'dx.history_series': HistorySeriesTable;
  'dx.history_rows': HistoryRowsTable;
  'dx.history_minutes': HistoryMinutesTable;
  'dx.projections': ProjectionsTable;
}
