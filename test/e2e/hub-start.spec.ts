import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { startTestNats, type TestNats } from '../support/test-nats.js';
import {
  freePort,
  killRunningGateways,
  LAUNCHER_MAIN,
  spawnGateway,
  timed,
  waitUntilHealthy,
  within,
} from './gateway-process.js';

/** How long the launched services may take to answer /health on a busy two-core machine. */
const STARTUP_MS = 45_000;

let database: TestDatabase;
let bus: TestNats;

beforeAll(async () => {
  database = await createTestDatabase();
  bus = await startTestNats();
});

afterAll(async () => {
  killRunningGateways();
  await bus.stop();
  await database.drop();
});

describe('npm start (the launcher)', () => {
  it('says on one line which server is missing and exits 1, starting no service', async () => {
    const hub = spawnGateway(
      {
        PORT: String(await freePort()),
        DATABASE_URL: 'postgres://postgres@127.0.0.1:1/dx',
        NATS_URL: bus.url,
        DX_HUB_ONLY: '1',
      },
      LAUNCHER_MAIN,
    );
    const { value: exit, ms } = await timed(hub.exited);
    expect(exit.code).toBe(1);
    expect(ms).toBeLessThan(10_000);
    expect(hub.stderr()).toMatch(
      /^dx: cannot reach PostgreSQL at postgres:\/\/postgres@127\.0\.0\.1:1\/dx[^\n]*\n$/,
    );
    expect(hub.stdout()).toBe('');
  });

  it('runs the gateway and the registry, and stops both with exit code 0 on SIGTERM', async () => {
    const [port, registryPort] = [await freePort(), await freePort()];
    const hub = spawnGateway(
      {
        PORT: String(port),
        REGISTRY_PORT: String(registryPort),
        SIM_PORT: String(await freePort()),
        CONSOLE_PORT: String(await freePort()),
        DATABASE_URL: database.url,
        NATS_URL: bus.url,
        DX_HUB_ONLY: '1',
      },
      LAUNCHER_MAIN,
    );
    // Four services start at once (gateway, registry, simulation, console): give a busy machine time.
    await waitUntilHealthy(hub, STARTUP_MS);
    await waitUntilHealthy({ ...hub, url: `http://127.0.0.1:${registryPort}` }, STARTUP_MS);
    const registry = await fetch(`http://127.0.0.1:${registryPort}/api/v1/contracts`);
    expect(registry.status).toBe(200);

    hub.child.kill('SIGTERM');
    const { value: exit, ms } = await timed(hub.exited);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(ms).toBeLessThan(5000);
  }, 120_000);

  it('leaves no service behind when the launcher itself is killed', async () => {
    const [port, registryPort, simulationPort] = [await freePort(), await freePort(), await freePort()];
    const hub = spawnGateway(
      {
        PORT: String(port),
        REGISTRY_PORT: String(registryPort),
        SIM_PORT: String(simulationPort),
        CONSOLE_PORT: String(await freePort()),
        DATABASE_URL: database.url,
        NATS_URL: bus.url,
        DX_HUB_ONLY: '1',
      },
      LAUNCHER_MAIN,
    );
    // Four services start at once (gateway, registry, simulation, console): give a busy machine time.
    await waitUntilHealthy(hub, STARTUP_MS);
    await waitUntilHealthy({ ...hub, url: `http://127.0.0.1:${registryPort}` }, STARTUP_MS);
    hub.child.kill('SIGKILL');
    // The services share the launcher's stdout and stderr: the pipes close once the last of them is gone.
    const closed = await within(30_000, hub.exited);
    expect(closed).toEqual({ code: null, signal: 'SIGKILL' });
    for (const servicePort of [port, registryPort, simulationPort]) {
      const answered = await fetch(`http://127.0.0.1:${servicePort}/health`).then(
        () => true,
        () => false,
      );
      expect(answered).toBe(false);
    }
  }, 120_000);

  it('stops a service that is still starting when the launcher is killed', async () => {
    const hub = spawnGateway(
      {
        PORT: String(await freePort()),
        REGISTRY_PORT: String(await freePort()),
        SIM_PORT: String(await freePort()),
        CONSOLE_PORT: String(await freePort()),
        DATABASE_URL: database.url,
        NATS_URL: bus.url,
        DX_HUB_ONLY: '1',
      },
      LAUNCHER_MAIN,
    );
    // As soon as the launcher has started its services, before any of them listens.
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (childPids(hub.child.pid!).length === 4) {
          clearInterval(poll);
          resolve();
        }
      }, 20);
    });
    hub.child.kill('SIGKILL');
    expect(await within(30_000, hub.exited)).toEqual({ code: null, signal: 'SIGKILL' });
  }, 60_000);
});

/** The pids of a process's children, from /proc. */
function childPids(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(' ').filter(Boolean).map(Number);
  } catch {
    return [];
  }
}
