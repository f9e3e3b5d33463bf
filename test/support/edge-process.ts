/** A built edge (`node dist/services/edges/<adapter>/main.js`) as a child process a test can kill. */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { freePort } from './free-port.js';
import { REPO_ROOT } from './run-process.js';
import { SERVICE_NODE_ARGS } from '../../services/common/runtime/service-node-args.js';

export interface EdgeProcess {
  child: ChildProcess;
  /** Where its /health and /metrics answer. */
  url: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output(): string;
}

const running = new Set<ChildProcess>();

export async function spawnEdge(
  adapter: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<EdgeProcess> {
  const port = await freePort();
  const main = path.join(REPO_ROOT, 'dist/services/edges', adapter, 'main.js');
  if (!existsSync(main)) throw new Error(`${main} is missing: run npm run build first`);
  const child = spawn(process.execPath, [...SERVICE_NODE_ARGS, main, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', DX_EDGE_PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  running.add(child);
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    }),
  );
  return { child, url: `http://127.0.0.1:${port}`, exited, output: () => output };
}

/** For afterAll: no edge a failed test started is left running. */
export function killEdges(): void {
  for (const child of running) {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

/** GET /health until `ready` says yes; fails with what the edge printed when it exits or takes too long. */
export async function waitForEdge(
  edge: EdgeProcess,
  ready: (health: Record<string, unknown>) => boolean = (h) => h.status === 'ok',
  withinMs = 30_000,
): Promise<Record<string, unknown>> {
  const deadline = Date.now() + withinMs;
  let exit: unknown;
  void edge.exited.then((e) => (exit = e));
  for (;;) {
    if (exit) throw new Error(`the edge exited (${JSON.stringify(exit)}): ${edge.output()}`);
    const health = await fetch(`${edge.url}/health`)
      .then((r) => r.json() as Promise<Record<string, unknown>>)
      .catch(() => undefined);
    if (health && ready(health)) return health;
    if (Date.now() > deadline)
      throw new Error(`the edge was not ready within ${withinMs} ms: ${edge.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
