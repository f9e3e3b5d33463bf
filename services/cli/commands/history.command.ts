/**
 * `dx history <contract> <key> --field /temperature ...`: buckets of a numeric field, asked of the
 * gateway as an identity (dx.history.<identity>, the read rules of replay), one JSON line per bucket.
 * `dx history at <contract> --field /temperature --at ...`: the field's value at an instant for every
 * key, asked the same way, one JSON line per key.
 * `dx history rebuild`: empties the history projection and projects the whole log again, here, from the
 * database (gateways that project go on from wherever this leaves the checkpoint).
 * `dx history follow`: keeps the projection caught up from a process of its own (HistoryFollower),
 * for gateways that run with DX_HISTORY_PROJECTION=0, until SIGINT or SIGTERM.
 */
import type { Command } from 'commander';
import { HistoryFollower } from '../../common/history/history-follower.js';
import { HistoryProjector, resetHistory } from '../../common/history/history-projector.js';
import { historySettings } from '../../common/history/history-settings.js';
import { SUBJECTS } from '../../common/nats/subjects.js';
import { RegistryReader } from '../../common/registry-state/index.js';
import { CliFailure, EXIT } from '../exit-codes.js';
import { openDatabase } from '../open-database.js';
import { openNats, requestJson } from '../open-nats.js';
import { parseContractId, parseIdentity, parseIsoDate, parseTimelineOption } from '../parse-options.js';
import { READER_OPTION_HELP, readerIdentity } from '../reader-identity.js';
import { writeLine } from '../write-line.js';

interface ValuesAtOptions {
  field: string;
  at: Date;
  key?: string;
  timeline?: string;
  knownAt?: Date;
  unit?: string;
  as?: string;
}

interface HistoryOptions {
  field: string;
  from: Date;
  to: Date;
  bucket: string;
  agg?: string;
  timeline?: string;
  knownAt?: Date;
  unit?: string;
  as?: string;
}

export function registerHistory(program: Command): void {
  const history = program
    .command('history')
    .description(
      'history in buckets of a numeric field (`dx history show`, the default), its values at an instant ' +
        '(`dx history at`), `dx history follow` and `dx history rebuild`',
    );
  history
    .command('show', { isDefault: true })
    .description(
      'buckets of a numeric field of a stream, asked of the gateway: one JSON line per bucket, the unit and ' +
        'timeline on stderr (`dx history <contract> <key> --field ...` is the same)',
    )
    .argument('<contract>', 'contract id', parseContractId)
    .argument('<key>', 'the asset')
    .requiredOption('--field <pointer>', 'JSON pointer of a numeric field, e.g. /temperature')
    .requiredOption('--from <iso>', 'start of the range (on --timeline)', parseIsoDate)
    .requiredOption('--to <iso>', 'end of the range, exclusive', parseIsoDate)
    .option('--bucket <width>', 'bucket width: 10s, 1m, 1h, 1d ...', '1m')
    .option('--agg <list>', 'aggregates: mean,min,max,count,first,last (default all)')
    .option(
      '--timeline <event|recorded>',
      'event (default): when it was true; recorded: when the hub stored it',
      parseTimelineOption,
    )
    .option('--known-at <iso>', 'only what the hub had recorded by then', parseIsoDate)
    .option('--unit <ucum>', 'the values in this UCUM unit, e.g. K or [degF]')
    .option('--as <identity>', READER_OPTION_HELP, parseIdentity)
    .action(async (contract: string, key: string, options: HistoryOptions) => {
      const reply = await askHistory<{ buckets: unknown[] }>(options.as, {
        contract,
        key,
        field: options.field,
        from: options.from.toISOString(),
        to: options.to.toISOString(),
        bucket: options.bucket,
        agg: options.agg,
        timeline: options.timeline,
        knownAt: options.knownAt?.toISOString(),
        unit: options.unit,
      });
      console.error(
        `${contract} ${key} ${options.field} in ${reply.unit ?? '(no unit)'}, on the ${reply.timeline} timeline`,
      );
      for (const bucket of reply.buckets) await writeLine(process.stdout, JSON.stringify(bucket));
    });

  history
    .command('follow')
    .description(
      'keep the history projection caught up with the event log, in this process, until Ctrl-C ' +
        '(for gateways run with DX_HISTORY_PROJECTION=0); DX_HISTORY_INTERVAL_MS and DX_HISTORY_BATCH apply',
    )
    .action(async () => {
      const settings = historySettings();
      const { db } = await openDatabase();
      const registry = new RegistryReader(db);
      try {
        await registry.refresh();
        let projected = 0;
        const follower = new HistoryFollower(
          db,
          settings,
          (contractId, version) => registry.schemaOf(contractId, version),
          () => registry.refresh(),
          {
            projected: (events) => (projected += events),
            retained: (outcome) => console.log(`history retention: ${JSON.stringify(outcome)}`),
            failed: (message) => console.error(message),
          },
        );
        console.log(`following the event log into history every ${settings.intervalMs} ms (Ctrl-C stops)`);
        follower.start();
        const report = setInterval(() => {
          if (projected === 0) return;
          console.log(`projected ${projected} events in the last ${REPORT_EVERY_MS / 1000} s`);
          projected = 0;
        }, REPORT_EVERY_MS);
        await new Promise<void>((resolve) => {
          process.once('SIGINT', resolve);
          process.once('SIGTERM', resolve);
        });
        clearInterval(report);
        await follower.stop();
        if (projected > 0) console.log(`projected ${projected} events`);
      } finally {
        await db.destroy();
      }
    });

  history
    .command('at')
    .description(
      "a numeric field's value at an instant for every key of a contract, asked of the gateway: one JSON " +
        'line per key {key, at, value}, the unit and timeline on stderr',
    )
    .argument('<contract>', 'contract id', parseContractId)
    .requiredOption('--field <pointer>', 'JSON pointer of a numeric field, e.g. /temperature')
    .requiredOption('--at <iso>', 'the instant (on --timeline)', parseIsoDate)
    .option('--key <key>', 'only this key')
    .option(
      '--timeline <event|recorded>',
      'event (default): what was true then; recorded: what the hub had stored by then',
      parseTimelineOption,
    )
    .option('--known-at <iso>', 'event timeline: only what the hub had recorded by then', parseIsoDate)
    .option('--unit <ucum>', 'the values in this UCUM unit, e.g. K or [degF]')
    .option('--as <identity>', READER_OPTION_HELP, parseIdentity)
    .action(async (contract: string, options: ValuesAtOptions) => {
      const reply = await askHistory<{ values: unknown[] }>(options.as, {
        contract,
        key: options.key,
        field: options.field,
        at: options.at.toISOString(),
        timeline: options.timeline,
        knownAt: options.knownAt?.toISOString(),
        unit: options.unit,
      });
      const keys = reply.values.length;
      console.error(
        `${contract} ${options.field} at ${options.at.toISOString()} in ${reply.unit ?? '(no unit)'}, on the ${reply.timeline} timeline: ${keys} ${keys === 1 ? 'key' : 'keys'}`,
      );
      for (const value of reply.values) await writeLine(process.stdout, JSON.stringify(value));
    });

  history
    .command('rebuild')
    .description('empty the history projection and project the whole event log again (prints what it did)')
    .action(async () => {
      const { db } = await openDatabase();
      try {
        const registry = new RegistryReader(db);
        await registry.refresh();
        const started = performance.now();
        await resetHistory(db);
        const events = await new HistoryProjector(db, (contractId, version) =>
          registry.schemaOf(contractId, version),
        ).catchUp();
        const seconds = (performance.now() - started) / 1000;
        console.log(`projected ${events} events in ${seconds.toFixed(1)} s`);
      } finally {
        await db.destroy();
      }
    });
}

/**
 * Asks the gateway on dx.history.<reader> (the reader from --as or NATS_URL); a refusal exits 1 with
 * its code, message and details.
 */
async function askHistory<T>(
  as: string | undefined,
  request: Record<string, unknown>,
): Promise<T & { unit: string | null; timeline: string }> {
  const reader = readerIdentity(as);
  const nats = await openNats();
  try {
    const reply = await requestJson<
      | (T & { ok: true; unit: string | null; timeline: string })
      | { ok: false; error: { code: string; message: string; details?: Record<string, unknown> } }
    >(nats, SUBJECTS.history(reader), JSON.stringify(request));
    if (!reply.ok)
      throw new CliFailure(`${reply.error.code}: ${reply.error.message}`, EXIT.found, reply.error.details);
    return reply;
  } finally {
    await nats.close();
  }
}

/** How often `dx history follow` says what it projected. */
const REPORT_EVERY_MS = 5000;
