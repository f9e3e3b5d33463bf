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
  payload: string;
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

export interface DB {
  'dx.events': EventsTable;
  'dx.streams': StreamsTable;
  'dx.rejections': RejectionsTable;
  'dx.anchors': AnchorsTable;
  'dx.anchor_heads': AnchorHeadsTable;
}
