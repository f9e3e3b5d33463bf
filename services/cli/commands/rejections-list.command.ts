/**
 * `dx rejections list`: the refused publishes, with their raw payloads (bounded: truncated beyond
 * DX_REJECTION_PAYLOAD_BYTES with the whole's length and SHA-256; base64 when not UTF-8 text) and
 * reasons, as NDJSON.
 */
import type { Command } from 'commander';
import { listRejections } from '../../gateway/index.js';
import { openDatabase } from '../open-database.js';
import { parseContractId, parseIsoDate, parseNonNegativeInteger } from '../parse-options.js';
import { writeLine } from '../write-line.js';

export function registerRejectionsList(program: Command): void {
  const rejections = program.command('rejections').description('refused publishes');
  rejections
    .command('list')
    .description(
      'print refused publishes as NDJSON, oldest first: when, contract, producer, msg id, code, message, details, payload',
    )
    .option('--contract <id>', 'only this contract', parseContractId)
    .option('--since <iso>', 'only those received at or after this time', parseIsoDate)
    .option('--limit <n>', 'at most this many', parseNonNegativeInteger, 1000)
    .action(async (options: { contract?: string; since?: Date; limit: number }) => {
      const { db } = await openDatabase();
      try {
        for (const row of await listRejections(db, options)) {
          await writeLine(
            process.stdout,
            JSON.stringify({
              id: row.id,
              receivedAt: row.received_at.toISOString(),
              transport: row.transport,
              contract: row.contract_id,
              version: row.contract_version,
              producer: row.producer,
              msgId: row.msg_id,
              key: row.key,
              code: row.code,
              message: row.message,
              details: row.details,
              payload: row.payload,
              payloadEncoding: row.payload_encoding,
              payloadBytes: row.payload_bytes,
              payloadSha256: row.payload_sha256,
              payloadTruncated: row.payload_truncated,
              requestId: row.request_id,
            }),
          );
        }
      } finally {
        await db.destroy();
      }
    });
}
