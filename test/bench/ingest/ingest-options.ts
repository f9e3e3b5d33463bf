/**
 * The ingest benchmark's knobs, from flags (`--single-events=60000`) or the environment
 * (`BENCH_SINGLE_EVENTS=60000`); a flag wins over the environment. The defaults make a run of about a
 * minute and a half on a 2-core machine.
 */
import { parseArgs } from 'node:util';
import { DEFAULT_SERVER_URL } from '../store/bench-options.js';

export interface IngestOptions {
  /** The PostgreSQL server; the benchmark creates and drops its own database there. */
  serverUrl: string;
  /** One-event requests timed at full load (and as many raw request/reply round trips). */
  singleEvents: number;
  /** Raw request/reply round trips timed (it is fast: more of them, for a steady figure). */
  requestReplyEvents: number;
  /** Outstanding one-event requests, for the gateway and for the raw request/reply ceiling alike. */
  concurrency: number;
  /** Events timed in batched requests, and copied raw. */
  batchEvents: number;
  batchSize: number;
  /** Outstanding batched requests. */
  batchConcurrency: number;
  /** The open-loop section: one-event requests per second, for this many seconds. */
  rate: number;
  rateSeconds: number;
  /** Reactors (stream keys, R000 to R999) the readings are spread over. */
  keys: number;
  /** The gateway's entry point: the built one of this repository unless an experiment names another. */
  gatewayMain: string | undefined;
  /** Node flags for the gateway process only, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`. */
  gatewayNodeArgs: string[];
}

const INTEGER_OPTIONS = {
  'single-events': { env: 'BENCH_SINGLE_EVENTS', fallback: 60_000 },
  'rr-events': { env: 'BENCH_RR_EVENTS', fallback: 150_000 },
  concurrency: { env: 'BENCH_CONCURRENCY', fallback: 64 },
  'batch-events': { env: 'BENCH_BATCH_EVENTS', fallback: 300_000 },
  'batch-size': { env: 'BENCH_BATCH_SIZE', fallback: 100 },
  'batch-concurrency': { env: 'BENCH_BATCH_CONCURRENCY', fallback: 32 },
  rate: { env: 'BENCH_RATE', fallback: 2000 },
  'rate-seconds': { env: 'BENCH_RATE_SECONDS', fallback: 10 },
  keys: { env: 'BENCH_KEYS', fallback: 1000 },
} as const;

type IntegerOption = keyof typeof INTEGER_OPTIONS;

export function readIngestOptions(
  argv: string[] = process.argv.slice(2),
  env: NodeJS.ProcessEnv = process.env,
): IngestOptions {
  const { values: flags } = parseArgs({
    args: argv,
    options: {
      ...Object.fromEntries(Object.keys(INTEGER_OPTIONS).map((name) => [name, { type: 'string' as const }])),
      'gateway-node-args': { type: 'string' },
      'gateway-main': { type: 'string' },
    },
    strict: true,
  });
  const values = flags as Record<string, string | undefined>;
  const integer = (name: IntegerOption): number => {
    const { env: variable, fallback } = INTEGER_OPTIONS[name];
    const raw = values[name] ?? env[variable];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw.replaceAll('_', ''));
    if (!Number.isSafeInteger(value) || value <= 0) {
      throw new Error(`--${name} (${variable}) must be a positive integer, got "${raw}"`);
    }
    return value;
  };
  const options: IngestOptions = {
    serverUrl: env.DATABASE_URL || DEFAULT_SERVER_URL,
    singleEvents: integer('single-events'),
    requestReplyEvents: integer('rr-events'),
    concurrency: integer('concurrency'),
    batchEvents: integer('batch-events'),
    batchSize: integer('batch-size'),
    batchConcurrency: integer('batch-concurrency'),
    rate: integer('rate'),
    rateSeconds: integer('rate-seconds'),
    keys: integer('keys'),
    gatewayMain: values['gateway-main'] || env.BENCH_GATEWAY_MAIN || undefined,
    gatewayNodeArgs: (values['gateway-node-args'] ?? env.BENCH_GATEWAY_NODE_ARGS ?? '')
      .split(/\s+/)
      .filter(Boolean),
  };
  if (options.keys > 1000) throw new Error('--keys (BENCH_KEYS) is at most 1000: equipment is R000 to R999');
  return options;
}
