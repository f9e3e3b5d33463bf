/**
 * The gateway under test, as in production: the built `node dist/services/gateway/main.js` in a
 * process of its own, on the benchmark's database and NATS server, healthy before anything is timed.
 * Node flags can be given to it alone (say, --cpu-prof, which NODE_OPTIONS does not accept).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { GATEWAY_MAIN } from '../../e2e/gateway-process.js';
import { freePort } from '../../support/free-port.js';
import { SERVICE_NODE_ARGS } from '../../../services/common/runtime/service-node-args.js';

export interface BenchGateway {
  pid: number;
  url: string;
  stop(): Promise<void>;
}

const HEALTHY_WITHIN_MS = 20_000;
const STOP_TIMEOUT_MS = 10_000;

export async function startGateway(options: {
  databaseUrl: string;
  natsUrl: string;
  /** Another build of the gateway to measure (an experiment); this repository's by default. */
  main: string | undefined;
  nodeArgs: string[];
}): Promise<BenchGateway> {
  const main = options.main ?? GATEWAY_MAIN;
  if (!existsSync(main)) throw new Error(`${main} is missing: run npm run build first`);
  const port = await freePort();
  // As production runs it (SERVICE_NODE_ARGS), then the bench's own flags (a later flag wins).
  const child = spawn(process.execPath, [...SERVICE_NODE_ARGS, ...options.nodeArgs, main], {
    env: {
      ...process.env,
      DATABASE_URL: options.databaseUrl,
      NATS_URL: options.natsUrl,
      HOST: '127.0.0.1',
      PORT: String(port),
      // Warnings only: the gateway logs no line per request; what it does print goes to our stderr.
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    // SIGTERM: the gateway drains and exits 0 (and writes its CPU profile when it was asked to).
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  };

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + HEALTHY_WITHIN_MS;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`the gateway exited (${child.exitCode}) before it was healthy`);
    const answer = await fetch(`${url}/health`).catch(() => undefined);
    if (answer?.status === 200) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the gateway was not healthy within ${HEALTHY_WITHIN_MS} ms`);
    }
    await sleep(100);
  }
  return { pid: child.pid!, url, stop };
}
