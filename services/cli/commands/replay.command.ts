/** `dx replay`: writes a contract's events to stdout as NDJSON envelopes, in global order. */
import { InvalidArgumentError, type Command } from 'commander';
import { countEvents } from '../../common/event-store/count-events.js';
import { readAsOf } from '../../common/event-store/read-as-of.js';
import { readAllEnvelopeLines } from '../../common/event-store/read-envelope-lines.js';
import type { EventFilter } from '../../common/event-store/read-events.js';
import { openDatabase } from '../open-database.js';
import { parseContractId, parseIsoDate, parseNonNegativeInteger } from '../parse-options.js';
import { ProgressBar } from '../progress-bar.js';
import { writeLine } from '../write-line.js';

interface ReplayOptions {
  contract: string;
  key?: string;
  from?: Date;
  to?: Date;
  after?: number;
  asOf?: Date;
}

export function registerReplay(program: Command): void {
  program
    .command('replay')
    .description(
      'write events as NDJSON envelopes to stdout in global order (progress on stderr when it is a terminal)',
    )
    .requiredOption('--contract <id>', 'the contract, e.g. scada.reactor-telemetry', parseContractId)
    .option('--key <key>', 'only this key (the asset the events are about)')
    .option('--from <iso>', 'only events recorded at or after this time', parseIsoDate)
    .option('--to <iso>', 'only events recorded before this time', parseIsoDate)
    .option('--after <position>', 'only events after this global position', parseNonNegativeInteger)
    .option('--as-of <iso>', 'instead: the latest event of every key as it stood at this time', parseIsoDate)
    .action(async (options: ReplayOptions) => {
      if (options.asOf && (options.from || options.to || options.after !== undefined)) {
        throw new InvalidArgumentError('--as-of cannot be combined with --from, --to or --after');
      }
      const { db } = await openDatabase();
      try {
        if (options.asOf) {
          for (const event of await readAsOf(db, options.contract, options.asOf, options.key)) {
            await writeLine(process.stdout, JSON.stringify(event));
          }
          return;
        }
        const filter: EventFilter = {
          contractId: options.contract,
          key: options.key,
          from: options.from,
          to: options.to,
        };
        const after = options.after ?? 0;
        const progress = ProgressBar.enabled()
          ? new ProgressBar('replayed', await countEvents(db, filter, after))
          : null;
        let sent = 0;
        for await (const page of readAllEnvelopeLines(db, filter, after)) {
          await writeLine(process.stdout, page.join('\n'));
          sent += page.length;
          progress?.update(sent);
        }
        progress?.finish(sent);
      } finally {
        await db.destroy();
      }
    });
}
