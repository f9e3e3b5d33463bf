/** `dx publish`: sends the JSON on stdin to the hub as one message (or a batch, if it is an array). */
import { randomUUID } from 'node:crypto';
import { headers } from '@nats-io/transport-node';
import type { Command } from 'commander';
import { HEADERS, SUBJECTS } from '../../common/nats/subjects.js';
import { CliFailure, EXIT } from '../exit-codes.js';
import { openNats, requestJson } from '../open-nats.js';
import { parseContractId, parseNonNegativeInteger } from '../parse-options.js';

interface PublishOptions {
  producer: string;
  version: string;
  key?: string;
  msgId?: string;
  expectedPosition?: number;
  corrects?: number;
}

export function registerPublish(program: Command): void {
  program
    .command('publish')
    .description(
      "publish the JSON read from stdin (an object, or an array for a batch); prints the hub's answer; exit 1 if refused",
    )
    .argument('<contract>', 'contract id', parseContractId)
    .requiredOption('--producer <id>', "the publishing subsystem (the contract's owner)")
    .requiredOption('--version <semver>', 'the version the payload follows')
    .option('--key <key>', 'the asset (otherwise read from the payload)')
    .option('--msg-id <id>', 'idempotency id (default: a new UUID)')
    .option(
      '--expected-position <n>',
      'the stream position expected (single messages)',
      parseNonNegativeInteger,
    )
    .option(
      '--corrects <position>',
      'a correction: the global position of the event of the same stream it supersedes (single messages)',
      parseNonNegativeInteger,
    )
    .action(async (contract: string, options: PublishOptions) => {
      const body = await readStdin();
      if (body.trim() === '') throw new CliFailure('nothing on stdin: pipe the JSON payload in', EXIT.usage);
      const h = headers();
      h.set(HEADERS.producer, options.producer);
      h.set(HEADERS.version, options.version);
      h.set(HEADERS.msgId, options.msgId ?? randomUUID());
      if (options.key) h.set(HEADERS.key, options.key);
      if (options.expectedPosition !== undefined)
        h.set(HEADERS.expectedPosition, String(options.expectedPosition));
      if (options.corrects !== undefined) h.set(HEADERS.corrects, String(options.corrects));
      const nats = await openNats();
      try {
        const reply = await requestJson<{ ok: boolean; results?: { ok: boolean }[] }>(
          nats,
          SUBJECTS.publish(contract),
          body,
          h,
        );
        console.log(JSON.stringify(reply));
        const refused = !reply.ok || (reply.results ?? []).some((r) => !r.ok);
        process.exitCode = refused ? EXIT.found : EXIT.ok;
      } finally {
        await nats.close();
      }
    });
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
