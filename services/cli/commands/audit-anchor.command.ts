/**
 * `dx audit anchor`: takes the digest of the store at its read fence, records it in dx.anchors, prints
 * it, writes it to a file and publishes it on NATS when NATS is there. The printed or written anchor is
 * the proof: it belongs somewhere the database's operators cannot write.
 */
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { Anchor } from '../../common/audit/anchor.types.js';
import { ANCHOR_FORMAT, formatAnchorDocument } from '../../common/audit/anchor-document.js';
import { createAnchor } from '../../common/audit/create-anchor.js';
import { publishAnchor, type PublishedAnchor } from '../../common/audit/publish-anchor.js';
import { describeError } from '../../common/errors/describe-error.js';
import { CliFailure } from '../exit-codes.js';
import { openDatabase } from '../open-database.js';
import { openNats } from '../open-nats.js';

interface AnchorOptions {
  out?: string;
  json?: boolean;
}

type Publication = PublishedAnchor | { error: string };

export function registerAuditAnchor(audit: Command): void {
  audit
    .command('anchor')
    .description(
      'record the digest of every stream head at the current read fence in dx.anchors, print it and ' +
        'publish it on dx.audit.anchors (when NATS answers); keep the printed root or the --out file ' +
        'outside the database: dx audit verify --anchor FILE proves nothing up to it was altered since',
    )
    .option('--out <file>', 'also write the anchor with the head of every stream to this file (JSON)')
    .option('--json', 'print the anchor (without its heads) as one JSON line, itself a valid anchor file')
    .action(async (options: AnchorOptions) => {
      const { db } = await openDatabase();
      let anchor: Anchor;
      try {
        anchor = await createAnchor(db);
      } finally {
        await db.destroy();
      }
      if (options.out) {
        try {
          writeFileSync(options.out, formatAnchorDocument(anchor));
        } catch (error) {
          throw new CliFailure(
            `anchor ${anchor.id} (root ${anchor.root}) is recorded in dx.anchors, but ${options.out} ` +
              `could not be written: ${describeError(error)}`,
          );
        }
      }
      const publication = await publish(anchor);
      console.log(
        options.json
          ? JSON.stringify(jsonLine(anchor, options.out, publication))
          : describe(anchor, options.out, publication),
      );
    });
}

/** Publishing is optional: a bus that is not there is reported, not an error. */
async function publish(anchor: Anchor): Promise<Publication> {
  try {
    const nats = await openNats();
    try {
      return await publishAnchor(nats, anchor);
    } finally {
      await nats.close();
    }
  } catch (error) {
    return { error: describeError(error) };
  }
}

function jsonLine(
  anchor: Anchor,
  out: string | undefined,
  publication: Publication,
): Record<string, unknown> {
  const { heads: _heads, ...summary } = anchor;
  return { format: ANCHOR_FORMAT, ...summary, file: out ?? null, published: publication };
}

function describe(anchor: Anchor, out: string | undefined, publication: Publication): string {
  const lines = [
    `anchor ${anchor.id} at global position ${anchor.globalPosition}: ` +
      `${anchor.events.toLocaleString('en')} events in ${anchor.streams.toLocaleString('en')} streams`,
    `root        ${anchor.root}`,
    `anchored at ${anchor.anchoredAt}`,
  ];
  if (out) lines.push(`written to ${out} (with the head of every stream)`);
  lines.push(
    'error' in publication
      ? `not published (optional): ${publication.error}`
      : `published on ${publication.subject}${publication.withHeads ? ' (with the head of every stream)' : ' (root only: the heads exceed max_payload)'}`,
  );
  lines.push(
    'Keep a copy (the --out file or the --json line) where the database cannot be written; ' +
      `dx audit verify --anchor ${out ?? 'FILE'} checks the store against it.`,
  );
  return lines.join('\n');
}
