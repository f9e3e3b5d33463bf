/**
 * A Mosquitto broker of a test file's own on a free port (the broker's counterpart of a fresh database
 * per file), with persistence in a temporary folder so that a restart on the same port keeps the
 * sessions and queued QoS 1 messages, as a plant's broker would. No limit on queued messages, so a
 * test that stops a bridge for a while loses nothing at the broker.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './free-port.js';

const BINARY = ['/usr/sbin/mosquitto', '/usr/bin/mosquitto'].find((b) => existsSync(b)) ?? 'mosquitto';

export interface TestMosquitto {
  url: string;
  port: number;
  /** Stops the broker (it saves its sessions), keeping its folder for a restart. */
  stop(): Promise<void>;
  /** Starts it again on the same port with what it saved. */
  restart(): Promise<void>;
  /** Stops it for good and removes its folder. */
  remove(): Promise<void>;
}

export async function startTestMosquitto(): Promise<TestMosquitto> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'dx-mosquitto-'));
  // Started as root, mosquitto runs as the user `mosquitto`, which must be able to save its sessions here.
  chmodSync(dir, 0o777);
  const config = path.join(dir, 'mosquitto.conf');
  writeFileSync(
    config,
    [
      `listener ${port} 127.0.0.1`,
      'allow_anonymous true',
      'persistence true',
      `persistence_location ${dir}/`,
      'max_queued_messages 0',
      'max_inflight_messages 0',
      'log_dest none',
      '',
    ].join('\n'),
  );
  let child: ChildProcess | undefined;
  const start = async () => {
    child = spawn(BINARY, ['-c', config], { stdio: 'ignore' });
    await waitForPort(port, child);
  };
  const stop = async () => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child!.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  };
  await start();
  return {
    url: `mqtt://127.0.0.1:${port}`,
    port,
    stop,
    restart: start,
    async remove() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** `mosquitto_pub` as an outside peer (Debian's mosquitto-clients). */
export function mosquittoPub(port: number, topic: string, args: string[], input?: string | Buffer): void {
  const result = spawnSync('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(port), '-t', topic, ...args], {
    input,
    timeout: 20_000,
  });
  if (result.status !== 0)
    throw new Error(`mosquitto_pub failed (${result.status}): ${result.stderr?.toString() ?? ''}`);
}

async function waitForPort(port: number, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`mosquitto exited with ${child.exitCode}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`mosquitto did not listen on ${port}`);
}
