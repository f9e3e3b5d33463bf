/** `dx get`: the latest value of a contract for a key, as its envelope, read as an identity (--as). */
import type { Command } from 'commander';
import { SUBJECTS } from '../../common/nats/subjects.js';
import { CliFailure, EXIT } from '../exit-codes.js';
import { openNats, requestJson } from '../open-nats.js';
import { parseContractId, parseIdentity, parseTimelineOption } from '../parse-options.js';
import { READER_OPTION_HELP, readerIdentity } from '../reader-identity.js';

export function registerGet(program: Command): void {
  program
    .command('get')
    .description('print the latest event of a contract for a key (exit 1 when there is none)')
    .argument('<contract>', 'contract id', parseContractId)
    .argument('<key>', 'the asset')
    .option('--as <identity>', READER_OPTION_HELP, parseIdentity)
    .option(
      '--timeline <event|recorded>',
      'recorded (default): the last event recorded; event: the one with the newest event time',
      parseTimelineOption,
    )
    .action(async (contract: string, key: string, options: { as?: string; timeline?: string }) => {
      const reader = readerIdentity(options.as);
      const nats = await openNats();
      try {
        const reply = await requestJson<{
          ok: boolean;
          event?: unknown;
          error?: { code: string; message: string };
        }>(nats, SUBJECTS.cacheGet(reader), JSON.stringify({ contract, key, timeline: options.timeline }));
        if (!reply.ok) throw new CliFailure(`${reply.error!.code}: ${reply.error!.message}`, EXIT.found);
        console.log(JSON.stringify(reply.event));
      } finally {
        await nats.close();
      }
    });
}
