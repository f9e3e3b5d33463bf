/**
 * A NATS server of a test file's own, so that services under test in different files (or a hub
 * running on the machine) never answer each other's requests through shared subjects and queue
 * groups: the bus's counterpart of a fresh database per file. It is a real nats-server on a free
 * port; where the binary is not installed, the tests use the server at NATS_URL instead.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './free-port.js';

const BINARIES = ['/usr/sbin/nats-server', '/usr/bin/nats-server', '/usr/local/bin/nats-server'];

export interface TestNats {
  url: string;
  stop(): Promise<void>;
  /** Ends the server at once (SIGKILL): no goodbye to its clients or its cluster. */
  kill?(): Promise<void>;
}

export interface TestNatsOptions {
  /** Server configuration (nats-server syntax, e.g. an authorization block); needs a server of our own. */
  config?: string;
  /** A fixed port, e.g. the port of a server stopped before: its clients see the bus come back. */
  port?: number;
}

export async function startTestNats(options: TestNatsOptions = {}): Promise<TestNats> {
  const binary = BINARIES.find((b) => existsSync(b));
  if (!binary && options.config !== undefined)
    throw new Error('this test configures its own nats-server, and none is installed');
  if (!binary) return { url: process.env.NATS_URL ?? 'nats://127.0.0.1:4222', stop: async () => {} };
  const port = options.port ?? (await freePort());
  const dir = mkdtempSync(path.join(tmpdir(), 'dx-nats-'));
  const args = listen(port, dir, options.config);
  const child = spawn(binary, args, { stdio: 'ignore' });
  await waitForPort(port, child);
  return {
    url: `nats://127.0.0.1:${port}`,
    async stop() {
      // A server killed before has exited already (by a signal: its exitCode stays null).
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/** Where to listen: on the command line, or in a configuration file written with the caller's config. */
function listen(port: number, dir: string, config: string | undefined): string[] {
  if (config === undefined) return ['-a', '127.0.0.1', '-p', String(port)];
  const file = path.join(dir, 'nats-server.conf');
  writeFileSync(file, `host: 127.0.0.1\nport: ${port}\n\n${config}`);
  return ['-c', file];
}

async function waitForPort(port: number, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`nats-server exited with ${child.exitCode}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`nats-server did not listen on ${port}`);
}
