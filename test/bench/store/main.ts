/**
 * npm run bench:store: the event store's append and replay rates beside PostgreSQL's own limits (one-row
 * INSERT transactions from as many connections, bulk COPY) and beside Emmett's PostgreSQL event store,
 * all measured in one run on the same server. Prints one line
 * per measurement and, last, one JSON object with the figures. docs/benchmarks.md explains it.
 */
import os from 'node:os';
import { readBenchOptions, type BenchOptions } from './bench-options.js';
import { createBenchDatabase, type BenchDatabase } from './bench-database.js';
import { copyRows, eventRows } from './copy-rows.js';
import { describeMeasurement, grouped, type Measurement } from './measurement.js';
import { createCopyTable, measureCopyFrom } from './measure-copy-from.js';
import { measureCopyTo } from './measure-copy-to.js';
import { measureEmmettAppend } from './measure-emmett-append.js';
import { measureInsert } from './measure-insert.js';
import { measureStoreAppend, type StoreAppendOptions } from './measure-store-append.js';
import { measureStoreAppendProjected } from './measure-store-append-projected.js';
import { measureStoreBulkAppend } from './measure-store-bulk-append.js';
import { measureStoreReplay, measureStoreReplayObjects } from './measure-store-replay.js';
import { telemetryEvents } from './telemetry-events.js';

const STORE_DATABASE = 'dx_bench_store';
const EMMETT_DATABASE = 'dx_bench_emmett';
const INSERT_DATABASE = 'dx_bench_insert';
const WARMUP_EVENTS = 2000;
const EMMETT_WARMUP_EVENTS = 500;

async function main(): Promise<void> {
  const options = readBenchOptions();
  const databases: BenchDatabase[] = [];
  try {
    const store = await createBenchDatabase(options.serverUrl, STORE_DATABASE, { migrate: true });
    databases.push(store);
    const emmett = await createBenchDatabase(options.serverUrl, EMMETT_DATABASE, { migrate: false });
    databases.push(emmett);
    const insert = await createBenchDatabase(options.serverUrl, INSERT_DATABASE, {
      migrate: true,
      poolSize: options.producers,
    });
    databases.push(insert);
    await createCopyTable(store.pool);

    const run = async (section: () => Promise<Measurement>) => {
      await Promise.all(databases.map((d) => d.settle()));
      const result = await section();
      console.log(describeMeasurement(result));
      return result;
    };
    const writes = await measureWrites(options, { store, emmett, insert }, run);
    // The workload is out of reach from here on, so the reads do not pay for the writers' heap.
    const replay = await run(() => measureStoreReplay(store.db, options.pageSize, WARMUP_EVENTS));
    await run(() => measureStoreReplayObjects(store.db, options.pageSize));
    const copyTo = await run(() => measureCopyTo(store.pool));

    console.log('');
    console.log(ratio('append / raw one-row INSERT', writes.append, writes.insert, 5));
    console.log(ratio('append / Emmett append', writes.append, writes.emmett, 10));
    console.log(ratio('bulk append / raw COPY FROM', writes.bulk, writes.copy, 0.6));
    console.log(ratio('append / raw COPY FROM', writes.append, writes.copy, 0.5));
    console.log(ratio('replay / raw COPY TO', replay, copyTo, 0.5));
    console.log(ratio('append + history / append', writes.projected, writes.append, 0.85));
    console.log(`store append + history: ${grouped(Math.round(writes.projected.perSecond))} events/s`);
    console.log(
      JSON.stringify({
        append_eps: Math.round(writes.append.perSecond),
        insert_eps: Math.round(writes.insert.perSecond),
        bulk_append_eps: Math.round(writes.bulk.perSecond),
        copy_eps: Math.round(writes.copy.perSecond),
        emmett_eps: Math.round(writes.emmett.perSecond),
        replay_eps: Math.round(replay.perSecond),
        copy_to_eps: Math.round(copyTo.perSecond),
      }),
    );
  } finally {
    for (const database of databases.reverse()) await database.drop();
  }
}

interface Writes {
  append: Measurement;
  projected: Measurement;
  bulk: Measurement;
  copy: Measurement;
  insert: Measurement;
  emmett: Measurement;
}

/** Generates the workload and times the ways of writing it. */
async function measureWrites(
  options: BenchOptions,
  { store, emmett, insert }: { store: BenchDatabase; emmett: BenchDatabase; insert: BenchDatabase },
  run: (section: () => Promise<Measurement>) => Promise<Measurement>,
): Promise<Writes> {
  const all = telemetryEvents(WARMUP_EVENTS + options.events, options.streams);
  const warmup = all.slice(0, WARMUP_EVENTS);
  const events = all.slice(WARMUP_EVENTS);
  const [warmupRows, rows] = eventRows([warmup, events], new Date());
  const [warmupCopy, copy] = copyRows([warmupRows!, rows!]);
  const payloadBytes = events.reduce((sum, e) => sum + JSON.stringify(e.payload).length, 0) / events.length;
  printSetup(options, payloadBytes, await serverVersion(store));

  // The producers and the group-commit settings each append section hands the store.
  const appending: StoreAppendOptions = {
    producers: options.producers,
    maxBatch: options.maxBatch,
    concurrency: options.concurrency,
    parallelFrom: options.parallelFrom,
  };
  const append = await run(() => measureStoreAppend(store.db, warmup, events, appending));
  // Right after, on the same store: the same workload again (new message ids) with the history
  // projector following the log, as a gateway runs it.
  const again = telemetryEvents(WARMUP_EVENTS + options.events, options.streams, 20261123);
  const projected = await run(async () => {
    const { append: measured, projected: samples } = await measureStoreAppendProjected(
      store.db,
      again.slice(0, WARMUP_EVENTS),
      again.slice(WARMUP_EVENTS),
      appending,
    );
    return { ...measured, notes: [...measured.notes, `${samples} events projected meanwhile`] };
  });
  const bulkEvents = telemetryEvents(WARMUP_EVENTS + options.events, options.streams, 20261206);
  const bulk = await run(() =>
    measureStoreBulkAppend(store.db, bulkEvents.slice(0, WARMUP_EVENTS), bulkEvents.slice(WARMUP_EVENTS), {
      ...appending,
      callers: options.bulkCallers,
    }),
  );
  const copied = await run(() => measureCopyFrom(store.pool, warmupCopy!, copy!));
  const inserted = await run(() =>
    measureInsert(insert.pool, warmupRows!, rows!.slice(0, options.insertEvents), options.producers),
  );
  const emmettAppend = await run(() =>
    measureEmmettAppend(
      emmett.url,
      all.slice(0, EMMETT_WARMUP_EVENTS),
      events.slice(0, options.emmettEvents),
      options.producers,
    ),
  );
  return { append, projected, bulk, copy: copied, insert: inserted, emmett: emmettAppend };
}

function printSetup(options: BenchOptions, payloadBytes: number, server: string): void {
  console.log(
    `bench:store on ${os.cpus().length} cores, Node ${process.version}, ${server}\n` +
      `${grouped(options.events)} events (+${grouped(WARMUP_EVENTS)} warm-up) of ~${Math.round(payloadBytes)} bytes ` +
      `of JSON on ${grouped(options.streams)} streams, ${options.producers} producers, ` +
      `raw INSERT ${grouped(options.insertEvents)} events, Emmett ${grouped(options.emmettEvents)} events, ` +
      `bulk append by ${options.bulkCallers} callers\n`,
  );
}

function ratio(label: string, a: Measurement, b: Measurement, target: number): string {
  const value = a.perSecond / b.perSecond;
  const verdict = value >= target ? 'meets' : 'MISSES';
  return `${label.padEnd(28)} ${value.toFixed(2).padStart(6)}  (target >= ${target}: ${verdict})`;
}

async function serverVersion(database: BenchDatabase): Promise<string> {
  const { rows } = await database.pool.query<{ version: string }>(
    "SELECT current_setting('server_version') AS version",
  );
  return `PostgreSQL ${rows[0]!.version}`;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
