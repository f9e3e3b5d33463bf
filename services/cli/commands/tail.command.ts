/**
 * `dx tail`: follows a contract live as NDJSON envelopes. With --from it first catches up from the
 * store (dx.replay.<identity>, as --as), holding live events meanwhile, so nothing between the two is
 * lost or repeated.
 */
import type { Command } from 'commander';
import { SUBJECTS } from '../../common/nats/subjects.js';
import type { EventEnvelope } from '../../common/event-store/event-store.types.js';
import { CliFailure, EXIT } from '../exit-codes.js';
import { openNats, requestJson } from '../open-nats.js';
import { parseContractId, parseIdentity, parseNonNegativeInteger } from '../parse-options.js';
import { READER_OPTION_HELP, readerIdentity } from '../reader-identity.js';
import { writeLine } from '../write-line.js';

interface TailOptions {
  major: number;
  from?: number;
  key?: string;
  as?: string;
}

export function registerTail(program: Command): void {
  program
    .command('tail')
    .description(
      "print a contract's events as NDJSON as they arrive, until interrupted; --from catches up first",
    )
    .argument('<contract>', 'contract id', parseContractId)
    .option('--major <n>', 'the major to receive', parseNonNegativeInteger, 1)
    .option(
      '--from <position>',
      'first replay every event after this global position',
      parseNonNegativeInteger,
    )
    .option('--key <key>', 'only this key')
    .option('--as <identity>', `${READER_OPTION_HELP} (with --from)`, parseIdentity)
    .action(async (contract: string, options: TailOptions) => {
      // Only the catch-up asks the hub; live events come as the broker allows the connection's user.
      const reader = options.from === undefined ? undefined : readerIdentity(options.as);
      const nats = await openNats();
      const subject = SUBJECTS.data(contract, options.major, options.key ?? '>');
      const live = nats.subscribe(subject);
      const held: EventEnvelope[] = [];
      let catchingUp = options.from !== undefined;
      let last = options.from ?? 0;
      const emit = async (event: EventEnvelope) => {
        if (event.position <= last && options.from !== undefined) return;
        last = Math.max(last, event.position);
        await writeLine(process.stdout, JSON.stringify(event));
      };
      const stop = () => void nats.close().then(() => process.exit(EXIT.ok));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      const following = (async () => {
        for await (const msg of live) {
          const event = msg.json<EventEnvelope>();
          if (catchingUp) held.push(event);
          else await emit(event);
        }
      })();
      if (reader !== undefined) {
        for (let more = true; more;) {
          const page = await requestJson<{
            ok: boolean;
            events: EventEnvelope[];
            last: number;
            more: boolean;
            error?: { code: string; message: string };
          }>(
            nats,
            SUBJECTS.replay(reader),
            JSON.stringify({ contract, key: options.key, after: last, major: options.major, limit: 1000 }),
          );
          if (!page.ok) throw new CliFailure(`${page.error!.code}: ${page.error!.message}`, EXIT.failed);
          for (const event of page.events) await emit(event);
          last = Math.max(last, page.last);
          more = page.more;
        }
        catchingUp = false;
        for (const event of held.sort((a, b) => a.position - b.position)) await emit(event);
      }
      await following;
    });
}
