/**
 * npm run bench:ingest: the gateway end to end (producers over NATS to the gateway, to PostgreSQL and on
 * to a consumer), each in a process of its own as in production, beside the ceilings measured in the
 * same run: raw NATS request/reply between two Node processes for one-event requests, raw COPY for
 * batches. Then latencies at a fixed offered rate. Prints one line per section, the targets, and last
 * one JSON object with the figures. docs/benchmarks.md explains it.
 */
import os from 'node:os';
import { SUBJECTS } from '../../../services/common/nats/subjects.js';
import { seedRegistry } from '../../support/seed-registry.js';
import { startTestNats } from '../../support/test-nats.js';
import { createBenchDatabase, type BenchDatabase } from '../store/bench-database.js';
import { createCopyTable } from '../store/measure-copy-from.js';
import { grouped } from '../store/measurement.js';
import { CpuMeter, natsServerPid } from './cpu-meter.js';
import { forkWorker, type WorkerProcess } from './fork-worker.js';
import { readIngestOptions, type IngestOptions } from './ingest-options.js';
import { measureClosedLoop } from './measure-closed-loop.js';
import { measureOpenLoop } from './measure-open-loop.js';
import { measureRawCopy } from './measure-raw-copy.js';
import { printVerdicts } from './print-verdicts.js';
import type { ClosedLoopCommand, ProducerProcess } from './producer-commands.js';
import { batchedAppends, reactorReadings, READING_CONTRACT } from './reactor-readings.js';
import { describeSection } from './section.js';
import { startGateway } from './start-gateway.js';

const DATABASE = 'dx_bench_ingest';
const ECHO_SUBJECT = 'bench.echo';
const PUBLISH_SUBJECT = SUBJECTS.publish(READING_CONTRACT);
const DATA_SUBJECT = SUBJECTS.data(READING_CONTRACT, 1, '>');
const SINGLE_WARMUP_EVENTS = 5000;
const BATCH_WARMUP_EVENTS = 20_000;
const RATE_WARMUP_SECONDS = 1;

async function main(): Promise<void> {
  const options = readIngestOptions();
  const cleanup: (() => Promise<void>)[] = [];
  // Interrupted (Ctrl-C, kill): stop what was started and drop the database before going.
  const interrupted = (signal: NodeJS.Signals) => {
    console.error(`bench:ingest: ${signal}, cleaning up`);
    void cleanUp().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted).once('SIGTERM', interrupted);
  const cleanUp = async () => {
    for (const step of cleanup.splice(0).reverse()) {
      await step().catch((error: unknown) => console.error(error));
    }
  };
  try {
    const nats = await startTestNats();
    cleanup.push(() => nats.stop());
    const database = await createBenchDatabase(options.serverUrl, DATABASE, { migrate: true });
    cleanup.push(() => database.drop());
    await seedRegistry(database.db);
    await createCopyTable(database.pool);
    const gateway = await startGateway({
      databaseUrl: database.url,
      natsUrl: nats.url,
      main: options.gatewayMain,
      nodeArgs: options.gatewayNodeArgs,
    });
    cleanup.push(() => gateway.stop());
    const producer: ProducerProcess = await forkWorker('./producer-worker.js', [nats.url, DATA_SUBJECT]);
    cleanup.push(() => producer.stop());
    const responder: WorkerProcess<never, never> = await forkWorker('./responder-worker.js', [
      nats.url,
      ECHO_SUBJECT,
    ]);
    cleanup.push(() => responder.stop());
    await printSetup(options, database);

    const meter = new CpuMeter(
      {
        gateway: gateway.pid,
        producers: producer.pid,
        responder: responder.pid,
        nats: natsServerPid(nats),
      },
      DATABASE,
    );
    await runSections(options, { database, producer, meter });
  } finally {
    await cleanUp();
    process.off('SIGINT', interrupted).off('SIGTERM', interrupted);
  }
}

async function runSections(
  options: IngestOptions,
  { database, producer, meter }: { database: BenchDatabase; producer: ProducerProcess; meter: CpuMeter },
): Promise<void> {
  const settle = () => database.settle();
  const run = async <T>(section: () => Promise<T>, line: (result: T) => string): Promise<T> => {
    const result = await section();
    console.log(line(result));
    return result;
  };
  const closedLoop = (run: string, seed: number, events: number, batched: boolean): ClosedLoopCommand => ({
    kind: 'closed-loop',
    subject: PUBLISH_SUBJECT,
    run,
    seed,
    keys: options.keys,
    events,
    batchSize: batched ? options.batchSize : 1,
    concurrency: batched ? options.batchConcurrency : options.concurrency,
    awaitDeliveries: true,
  });

  const echo = { subject: ECHO_SUBJECT, awaitDeliveries: false };
  const requestReply = await run(
    () =>
      measureClosedLoop(
        producer,
        meter,
        'raw NATS request/reply',
        { ...closedLoop('rr-warmup', 1, SINGLE_WARMUP_EVENTS, false), ...echo },
        { ...closedLoop('rr', 2, options.requestReplyEvents, false), ...echo },
        settle,
      ),
    describeSection,
  );
  const single = await run(
    () =>
      measureClosedLoop(
        producer,
        meter,
        'gateway, one event a request',
        closedLoop('single-warmup', 3, SINGLE_WARMUP_EVENTS, false),
        closedLoop('single', 4, options.singleEvents, false),
        settle,
      ),
    describeSection,
  );
  const batchWarmup = closedLoop('batch-warmup', 5, BATCH_WARMUP_EVENTS, true);
  const batchTimed = closedLoop('batch', 6, options.batchEvents, true);
  const batch = await run(
    () => measureClosedLoop(producer, meter, 'gateway, batches', batchWarmup, batchTimed, settle),
    describeSection,
  );
  const appendsOf = (command: ClosedLoopCommand) =>
    batchedAppends(
      command.run,
      reactorReadings(command.events, command.keys, command.seed),
      command.batchSize,
    );
  const copy = await run(async () => {
    await settle();
    return measureRawCopy(database.pool, appendsOf(batchWarmup), appendsOf(batchTimed));
  }, describeSection);
  const rate = await run(
    async () => {
      await settle();
      return measureOpenLoop(producer, meter, {
        kind: 'open-loop',
        subject: PUBLISH_SUBJECT,
        run: 'rate',
        seed: 7,
        keys: options.keys,
        rate: options.rate,
        seconds: options.rateSeconds,
        warmupSeconds: RATE_WARMUP_SECONDS,
      });
    },
    ({ line }) => line,
  );

  printVerdicts({ requestReply, single, batch, copy, fixed: rate.result, rate: options.rate });
  console.log(
    JSON.stringify({
      acked_eps_single: Math.round(single.perSecond),
      nats_rr_eps: Math.round(requestReply.perSecond),
      acked_eps_batch: Math.round(batch.perSecond),
      copy_eps: Math.round(copy.perSecond),
      ack_p99_ms_2k: rate.result.ack.p99,
      deliver_p99_ms_2k: rate.result.deliver.p99,
    }),
  );
}

async function printSetup(options: IngestOptions, database: BenchDatabase): Promise<void> {
  const { rows } = await database.pool.query<{ version: string }>(
    "SELECT current_setting('server_version') AS version",
  );
  console.log(
    `bench:ingest on ${os.cpus().length} cores, Node ${process.version}, PostgreSQL ${rows[0]!.version}\n` +
      `gateway, producers, responder and nats-server in processes of their own; ` +
      `${READING_CONTRACT} 1.0.0 over ${options.keys} keys\n` +
      `raw request/reply: ${grouped(options.requestReplyEvents)}; ` +
      `one event a request: ${grouped(options.singleEvents)} (+${grouped(SINGLE_WARMUP_EVENTS)} warm-up), ${options.concurrency} outstanding; ` +
      `batches: ${grouped(options.batchEvents)} events (+${grouped(BATCH_WARMUP_EVENTS)} warm-up) in requests of ${options.batchSize}, ${options.batchConcurrency} outstanding; ` +
      `fixed rate: ${grouped(options.rate)}/s for ${options.rateSeconds} s (+${RATE_WARMUP_SECONDS} s warm-up)\n`,
  );
}

/** nats-server's pid, to count its CPU; undefined when the run uses a server it did not start. */
main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
