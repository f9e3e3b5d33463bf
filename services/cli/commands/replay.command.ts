/**
 * `dx replay`: writes events to stdout as NDJSON envelopes, in global order: of one contract, or of
 * every contract (the operator reads the database, so everything). Time ranges and as-of name their
 * timeline: recorded by default for a replay (the log as written, corrections and what they correct),
 * event by default for --as-of (what was true then).
 */
import { InvalidArgumentError, type Command } from 'commander';
import { countEvents } from '../../common/event-store/count-events.js';
import { DEFAULT_SETTLE_WAIT_MS, waitUntilSettled } from '../../common/event-store/wait-until-settled.js';
import { readAllEnvelopeLines } from '../../common/event-store/read-envelope-lines.js';
import type { EventFilter } from '../../common/event-store/read-events.js';
import { readStateAt } from '../../common/event-store/read-state-at.js';
import type { Timeline } from '../../common/event-store/timeline.js';
import { openDatabase } from '../open-database.js';
import {
  parseContractId,
  parseIsoDate,
  parseNonNegativeInteger,
  parseTimelineOption,
} from '../parse-options.js';
import { ProgressBar } from '../progress-bar.js';
import { writeLine } from '../write-line.js';

interface ReplayOptions {
  contract?: string;
  key?: string;
  from?: Date;
  to?: Date;
  after?: number;
  asOf?: Date;
  knownAt?: Date;
  timeline?: Timeline;
  settleTimeout: number;
}

export function registerReplay(program: Command): void {
  program
    .command('replay')
    .description(
      'write events as NDJSON envelopes to stdout in global order, of one contract or of all ' +
        '(progress on stderr when it is a terminal)',
    )
    .option(
      '--contract <id>',
      'only this contract, e.g. scada.reactor-telemetry (default: every contract)',
      parseContractId,
    )
    .option('--key <key>', 'only this key (the asset the events are about; with --contract)')
    .option(
      '--timeline <event|recorded>',
      'the timeline of --from, --to and --as-of (default: recorded for a replay, event for --as-of)',
      parseTimelineOption,
    )
    .option('--from <iso>', 'only events at or after this time (on --timeline)', parseIsoDate)
    .option('--to <iso>', 'only events before this time (on --timeline)', parseIsoDate)
    .option('--after <position>', 'only events after this global position', parseNonNegativeInteger)
    .option('--as-of <iso>', 'instead: the state of --contract at this time, one event per key', parseIsoDate)
    .option(
      '--known-at <iso>',
      'only what the hub had recorded by this time (with the event timeline: "true at T, as known at T\'")',
      parseIsoDate,
    )
    .option(
      '--settle-timeout <ms>',
      'with --as-of, --known-at or a recorded --to: how long to wait for transactions that may have recorded events before that time to end',
      parseNonNegativeInteger,
      DEFAULT_SETTLE_WAIT_MS,
    )
    .action(async (options: ReplayOptions) => {
      if (options.key !== undefined && options.contract === undefined) {
        throw new InvalidArgumentError('--key needs --contract');
      }
      if (options.asOf && (options.from || options.to || options.after !== undefined)) {
        throw new InvalidArgumentError('--as-of cannot be combined with --from, --to or --after');
      }
      if (options.asOf && options.contract === undefined) {
        throw new InvalidArgumentError('--as-of needs --contract');
      }
      if (options.knownAt && options.timeline === 'recorded') {
        throw new InvalidArgumentError(
          '--known-at goes with --timeline event (on the recorded timeline, --to says what was known)',
        );
      }
      const { db } = await openDatabase();
      try {
        if (options.asOf) {
          const state = await readStateAt(db, {
            contractId: options.contract!,
            key: options.key,
            at: options.asOf,
            timeline: options.timeline ?? 'event',
            knownAt: options.knownAt,
            settleWaitMs: options.settleTimeout,
          });
          for (const event of state) await writeLine(process.stdout, JSON.stringify(event));
          return;
        }
        const filter: EventFilter = {
          contractId: options.contract,
          key: options.key,
          from: options.from,
          to: options.to,
          timeline: options.knownAt ? 'event' : (options.timeline ?? 'recorded'),
          knownAt: options.knownAt,
        };
        // Events recorded before a past --to may still be committing: the window is read once they all have.
        if (filter.timeline === 'recorded' && options.to && options.to.getTime() <= Date.now())
          await waitUntilSettled(db, new Date(options.to.getTime() - 1), { waitMs: options.settleTimeout });
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
