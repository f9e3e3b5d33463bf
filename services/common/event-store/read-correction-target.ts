/** What a correction needs to know of the event it names: its stream, and whether it was corrected already. */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

export interface CorrectionTarget {
  contractId: string;
  key: string;
  /** The global position of the correction that already supersedes it, if any. */
  correctedBy: number | null;
}

export async function readCorrectionTarget(
  db: Kysely<DB>,
  position: number,
): Promise<CorrectionTarget | undefined> {
  const { rows } = await sql<{ contract_id: string; key: string; corrected_by: number | null }>`
    SELECT e.contract_id, e.key,
           (SELECT c.global_position FROM dx.events c WHERE c.supersedes = e.global_position) AS corrected_by
    FROM dx.events e WHERE e.global_position = ${position}
  `.execute(db);
  const row = rows[0];
  return row && { contractId: row.contract_id, key: row.key, correctedBy: row.corrected_by };
}
