/**
 * dx.rejections: every recorded refusal with its payload (bounded: see RejectionRow), so that what a
 * producer sent and why it was refused can be looked at later (`dx rejections list`).
 */
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { DB, RejectionsTable } from '../../common/db/schema.js';

export type RejectionRow = Insertable<RejectionsTable>;

/** PostgreSQL's limit on bind parameters in one statement (a 16-bit count in the protocol). */
const PG_MAX_PARAMETERS = 65_535;
const COLUMNS = 15;
/** Rows per INSERT, so a batch of any size never overflows the parameters of one statement. */
export const REJECTION_ROWS_PER_STATEMENT = Math.floor(PG_MAX_PARAMETERS / COLUMNS);

export async function insertRejections(db: Kysely<DB>, rows: RejectionRow[]): Promise<void> {
  for (let from = 0; from < rows.length; from += REJECTION_ROWS_PER_STATEMENT)
    await db
      .insertInto('dx.rejections')
      .values(rows.slice(from, from + REJECTION_ROWS_PER_STATEMENT))
      .execute();
}

export interface RejectionQuery {
  contract?: string;
  since?: Date;
  limit: number;
  /** The latest refusals first (the console's view) rather than the oldest. */
  newestFirst?: boolean;
}

export async function listRejections(
  db: Kysely<DB>,
  query: RejectionQuery,
): Promise<Selectable<RejectionsTable>[]> {
  let select = db.selectFrom('dx.rejections').selectAll();
  if (query.contract !== undefined) select = select.where('contract_id', '=', query.contract);
  if (query.since !== undefined) select = select.where('received_at', '>=', query.since);
  return select
    .orderBy('id', query.newestFirst ? 'desc' : 'asc')
    .limit(query.limit)
    .execute();
}
