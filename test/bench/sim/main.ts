/**
 * `npm run bench:sim`: the simulation service's overhead, measured beside what it wraps. In one run:
 * the round trip of a trivial request (a static pump evaluation) through NATS, the service and a
 * Python worker (p50, p99); and a 10,000-step RK4 pump simulation through the service against the same
 * model run directly in one Python process (`python3 -m dxrunner.direct_bench`). The service runs as
 * its own process with its own private nats-server. The last line is one JSON object.
 */
import { execFile, spawn } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import pg from 'pg';
import { freePort } from '../../support/free-port.js';
import { REPO_ROOT } from '../../support/run-process.js';
import { startTestNats } from '../../support/test-nats.js';
import { SERVICE_NODE_ARGS } from '../../../services/common/runtime/service-node-args.js';

const STEPS = Number(process.env.BENCH_SIM_STEPS ?? 10_000);
const EVERY = Number(process.env.BENCH_SIM_EVERY ?? 100);
const ROUND_TRIPS = Number(process.env.BENCH_SIM_ROUND_TRIPS ?? 500);
const RUNS = 5;
const DATABASE = 'dx_bench_sim';
const server = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');

const trivial = {
  scenario: {
    scenarioId: 'bench-trivial',
    mode: 'static',
    models: [{ id: 'P101', model: 'pump', initialState: { Q: 80, rpm: 3000 } }],
  },
};
const pumpRun = {
  scenario: {
    scenarioId: 'bench-pump-rk4',
    mode: 'dynamic',
    models: [{ id: 'P101', model: 'pump' }],
    stepSeconds: 0.01,
    horizonSeconds: STEPS * 0.01,
    method: 'rk4',
  },
  every: EVERY,
};

async function admin(statement: string): Promise<void> {
  const url = new URL(server);
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  await client.query(statement);
  await client.end();
}

async function run(nats: NatsConnection, body: unknown): Promise<number> {
  const started = performance.now();
  const reply = (await nats.request('dx.sim.run', JSON.stringify(body), { timeout: 60_000 })).json<{
    ok: boolean;
    error?: unknown;
  }>();
  if (!reply.ok)
    throw new Error(`the service refused the benchmark's request: ${JSON.stringify(reply.error)}`);
  return performance.now() - started;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main(): Promise<void> {
  const bus = await startTestNats();
  const databaseUrl = new URL(server);
  databaseUrl.pathname = `/${DATABASE}`;
  await admin(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
  const service = spawn(
    process.execPath,
    [...SERVICE_NODE_ARGS, path.join(REPO_ROOT, 'dist/services/simulation/main.js')],
    {
      env: {
        ...process.env,
        NATS_URL: bus.url,
        DATABASE_URL: databaseUrl.toString(),
        SIM_PORT: String(await freePort()),
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  const nats = await connect({ servers: bus.url });
  try {
    for (let i = 0; ; i++) {
      const ready = await nats.request('dx.sim.models', '{}', { timeout: 1000 }).then(
        () => true,
        () => false,
      );
      if (ready) break;
      if (i > 100 || service.exitCode !== null) throw new Error('the simulation service did not come up');
      await new Promise((r) => setTimeout(r, 200));
    }

    for (let i = 0; i < 50; i++) await run(nats, trivial);
    const trips: number[] = [];
    for (let i = 0; i < ROUND_TRIPS; i++) trips.push(await run(nats, trivial));
    trips.sort((a, b) => a - b);
    const p50 = percentile(trips, 50);
    const p99 = percentile(trips, 99);
    console.log(
      `round trip, static pump evaluation  ${ROUND_TRIPS} requests  p50 ${p50.toFixed(2)} ms  p99 ${p99.toFixed(2)} ms  (target p50 < 2 ms: ${p50 < 2 ? 'meets' : 'MISSES'})`,
    );

    await run(nats, pumpRun);
    const serviceSeconds = median(await sequence(RUNS, () => run(nats, pumpRun))) / 1000;
    const serviceRate = STEPS / serviceSeconds;
    const { stdout } = await promisify(execFile)(
      'python3',
      [
        '-m',
        'dxrunner.direct_bench',
        '--steps',
        String(STEPS),
        '--every',
        String(EVERY),
        '--repeat',
        String(RUNS),
      ],
      { cwd: path.join(REPO_ROOT, 'python-runner') },
    );
    const direct = JSON.parse(stdout.trim().split('\n').at(-1)!) as { steps_per_s: number };
    const share = serviceRate / direct.steps_per_s;
    console.log(
      `RK4 pump, ${STEPS} steps (every ${EVERY}th sample returned)  service ${Math.round(serviceRate).toLocaleString('en')} steps/s  direct ${Math.round(direct.steps_per_s).toLocaleString('en')} steps/s  service/direct ${share.toFixed(2)}  (target >= 0.8: ${share >= 0.8 ? 'meets' : 'MISSES'})`,
    );
    console.log(
      JSON.stringify({
        rtt_p50_ms: Number(p50.toFixed(3)),
        rtt_p99_ms: Number(p99.toFixed(3)),
        service_steps_per_s: Math.round(serviceRate),
        direct_steps_per_s: Math.round(direct.steps_per_s),
      }),
    );
  } finally {
    await nats.close();
    service.kill('SIGTERM');
    await new Promise((r) => service.once('exit', r));
    await bus.stop();
    await admin(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
  }
}

async function sequence(times: number, work: () => Promise<number>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < times; i++) out.push(await work());
  return out;
}

await main();
