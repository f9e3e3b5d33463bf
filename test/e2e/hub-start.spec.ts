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
} from './gateway-process.js';

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
        DATABASE_URL: database.url,
        NATS_URL: bus.url,
      },
      LAUNCHER_MAIN,
    );
    await waitUntilHealthy(hub);
    await waitUntilHealthy({ ...hub, url: `http://127.0.0.1:${registryPort}` });
    const registry = await fetch(`http://127.0.0.1:${registryPort}/api/v1/contracts`);
    expect(registry.status).toBe(200);

    hub.child.kill('SIGTERM');
    const { value: exit, ms } = await timed(hub.exited);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(ms).toBeLessThan(5000);
  });

  it('leaves no service behind when the launcher itself is killed', async () => {
    const [port, registryPort] = [await freePort(), await freePort()];
    const hub = spawnGateway(
      {
        PORT: String(port),
        REGISTRY_PORT: String(registryPort),
        DATABASE_URL: database.url,
        NATS_URL: bus.url,
      },
      LAUNCHER_MAIN,
    );
    await waitUntilHealthy(hub);
    await waitUntilHealthy({ ...hub, url: `http://127.0.0.1:${registryPort}` });
    hub.child.kill('SIGKILL');
    await hub.exited;
    const deadline = Date.now() + 5000;
    let gatewayUp = true;
    while (gatewayUp && Date.now() < deadline) {
      gatewayUp = await fetch(`http://127.0.0.1:${port}/health`).then(
        () => true,
        () => false,
      );
      if (gatewayUp) await new Promise((r) => setTimeout(r, 100));
    }
    expect(gatewayUp).toBe(false);
  });
});
