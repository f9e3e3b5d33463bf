/** The built gateway (`node dist/services/gateway/main.js`) as a child process that a test can watch. */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { freePort } from '../support/free-port.js';
import { REPO_ROOT } from '../support/run-process.js';
import { SERVICE_NODE_ARGS } from '../../services/common/runtime/service-node-args.js';

export const GATEWAY_MAIN = path.join(REPO_ROOT, 'dist/services/gateway/main.js');
/** `npm start`: the launcher that runs every service. */
export const LAUNCHER_MAIN = path.join(REPO_ROOT, 'dist/services/launcher/main.js');

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface GatewayProcess {
  readonly child: ChildProcess;
  readonly url: string;
  readonly exited: Promise<Exit>;
  stdout(): string;
  stderr(): string;
}

const running = new Set<ChildProcess>();
// A gateway started by a hook that timed out (after afterAll has run) must not outlive the test process.
process.once('exit', () => killRunningGateways());

export function spawnGateway(
  env: NodeJS.ProcessEnv & { PORT: string },
  main = GATEWAY_MAIN,
  nodeArgs: string[] = [],
): GatewayProcess {
  if (!existsSync(main)) throw new Error(`${main} is missing: run npm run build first`);
  // As production runs it, then the test's own flags (a later flag wins).
  const child = spawn(process.execPath, [...SERVICE_NODE_ARGS, ...nodeArgs, main], {
    cwd: REPO_ROOT,
    env: { ...process.env, HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so that cleanup also reaches the services a launcher started.
    detached: true,
  });
  running.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<Exit>((resolve) =>
    child.on('close', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    }),
  );
  return {
    child,
    url: `http://127.0.0.1:${env.PORT}`,
    exited,
    stdout: () => stdout,
    stderr: () => stderr,
  };
}

/** For afterAll: a test that failed half-way must leave neither a gateway nor a launched service running. */
export function killRunningGateways(): void {
  for (const child of running) {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // The whole group is already gone.
    }
  }
}

/** Resolves with what the promise gave, or with `undefined` once `ms` have passed. */
export async function within<T>(ms: number, work: Promise<T>): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)));
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export { freePort } from '../support/free-port.js';

/** How many ports startHealthyGateway tries when others take the free one first. */
const PORT_ATTEMPTS = 3;

/**
 * A gateway on a free port, once /health answers 200. A free port found is only free until somebody
 * listens on it, and suites run side by side: when another process takes it first (EADDRINUSE), the
 * gateway is started again on another one.
 */
export async function startHealthyGateway(
  env: NodeJS.ProcessEnv,
  withinMs?: number,
): Promise<GatewayProcess> {
  for (let attempt = 1; ; attempt++) {
    const gateway = spawnGateway({ ...env, PORT: String(await freePort()) });
    try {
      await waitUntilHealthy(gateway, withinMs);
      return gateway;
    } catch (error) {
      if (attempt >= PORT_ATTEMPTS || !gateway.stderr().includes('EADDRINUSE')) throw error;
    }
  }
}

/** Milliseconds until the promise settles. */
export async function timed<T>(work: Promise<T>): Promise<{ value: T; ms: number }> {
  const started = Date.now();
  const value = await work;
  return { value, ms: Date.now() - started };
}

/**
 * GET /health until it answers 200. Fails at once, with what the gateway printed, when it exits instead.
 */
export async function waitUntilHealthy(gateway: GatewayProcess, withinMs = 15_000): Promise<unknown> {
  const deadline = Date.now() + withinMs;
  let exit: Exit | undefined;
  void gateway.exited.then((e) => (exit = e));
  for (;;) {
    if (exit) {
      throw new Error(
        `the gateway exited (${JSON.stringify(exit)}) before it was healthy: ${gateway.stderr()}`,
      );
    }
    const answer = await fetch(`${gateway.url}/health`).catch(() => undefined);
    if (answer?.status === 200) return answer.json();
    if (Date.now() > deadline) {
      throw new Error(`the gateway was not healthy within ${withinMs} ms: ${gateway.stderr()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
