/**
 * The benchmark's knobs, from flags (`--events=200000`) or the environment (`BENCH_EVENTS=200000`);
 * a flag wins over the environment.
 */
import { parseArgs } from 'node:util';

export const DEFAULT_SERVER_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface BenchOptions {
  /** The server to benchmark on; the benchmark creates and drops its own databases there. */
  serverUrl: string;
  events: number;
  producers: number;
  streams: number;
  emmettEvents: number;
  /** Events written by the raw one-row INSERT baseline (one transaction each, so slower to run). */
  insertEvents: number;
  /** Concurrent callers of the bulk append, each handing over 1,000 events per call. */
  bulkCallers: number;
  pageSize: number | undefined;
  /** Group-commit settings handed to the store; undefined keeps the store's own defaults. */
  maxBatch: number | undefined;
  concurrency: number | undefined;
  parallelFrom: number | undefined;
}

const INTEGER_OPTIONS = {
  events: { env: 'BENCH_EVENTS', fallback: 200_000 },
  producers: { env: 'BENCH_PRODUCERS', fallback: 64 },
  streams: { env: 'BENCH_STREAMS', fallback: 1000 },
  'emmett-events': { env: 'BENCH_EMMETT_EVENTS', fallback: 20_000 },
  'insert-events': { env: 'BENCH_INSERT_EVENTS', fallback: 50_000 },
  'bulk-callers': { env: 'BENCH_BULK_CALLERS', fallback: 4 },
  'page-size': { env: 'BENCH_PAGE_SIZE', fallback: undefined },
  'max-batch': { env: 'BENCH_MAX_BATCH', fallback: undefined },
  concurrency: { env: 'BENCH_CONCURRENCY', fallback: undefined },
  'parallel-from': { env: 'BENCH_PARALLEL_FROM', fallback: undefined },
} as const;

type IntegerOption = keyof typeof INTEGER_OPTIONS;

export function readBenchOptions(
  argv: string[] = process.argv.slice(2),
  env: NodeJS.ProcessEnv = process.env,
): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: Object.fromEntries(
      Object.keys(INTEGER_OPTIONS).map((name) => [name, { type: 'string' as const }]),
    ),
    strict: true,
  });
  const integer = (name: IntegerOption): number | undefined => {
    const { env: variable, fallback } = INTEGER_OPTIONS[name];
    const raw = (values[name] as string | undefined) ?? env[variable];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw.replaceAll('_', ''));
    if (!Number.isSafeInteger(value) || value <= 0) {
      throw new Error(`--${name} (${variable}) must be a positive integer, got "${raw}"`);
    }
    return value;
  };
  return {
    serverUrl: env.DATABASE_URL || DEFAULT_SERVER_URL,
    events: integer('events')!,
    producers: integer('producers')!,
    streams: integer('streams')!,
    emmettEvents: integer('emmett-events')!,
    insertEvents: integer('insert-events')!,
    bulkCallers: integer('bulk-callers')!,
    pageSize: integer('page-size'),
    maxBatch: integer('max-batch'),
    concurrency: integer('concurrency'),
    parallelFrom: integer('parallel-from'),
  };
}
