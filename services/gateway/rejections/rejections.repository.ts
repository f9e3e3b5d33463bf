/** dx.rejections: every refused publish with its raw payload, so nothing a producer sent is lost. */
import type { Kysely, Selectable } from 'kysely';
import type { DB, RejectionsTable } from '../../common/db/schema.js';
import type { DxError } from '../../common/errors/dx-error.js';

export interface Rejection {
  transport: string;
  contract: string;
  version?: string;
  producer?: string;
  msgId?: string;
  key?: string;
  error: DxError;
  payload: string;
}

export async function recordRejections(db: Kysely<DB>, rejections: Rejection[]): Promise<void> {
  if (rejections.length === 0) return;
  await db
    .insertInto('dx.rejections')
    .values(
      rejections.map((r) => ({
        transport: r.transport,
        contract_id: r.contract,
        contract_version: r.version ?? null,
        producer: r.producer ?? null,
        msg_id: r.msgId ?? null,
        key: r.key ?? null,
        code: r.error.code,
        message: r.error.message,
        details: JSON.stringify(r.error.details),
        payload: r.payload,
      })),
    )
    .execute();
}

export interface RejectionQuery {
  contract?: string;
  since?: Date;
  limit: number;
}

export async function listRejections(
  db: Kysely<DB>,
  query: RejectionQuery,
): Promise<Selectable<RejectionsTable>[]> {
  let select = db.selectFrom('dx.rejections').selectAll();
  if (query.contract !== undefined) select = select.where('contract_id', '=', query.contract);
  if (query.since !== undefined) select = select.where('received_at', '>=', query.since);
  return select.orderBy('id').limit(query.limit).execute();
}
