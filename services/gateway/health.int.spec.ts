import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { startTcpProxy, type TcpProxy } from '../../test/support/tcp-proxy.js';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.js';
import { loadConfig } from '../common/config/config.js';
import { DxError } from '../common/errors/dx-error.js';
import { createGatewayApp } from './create-gateway-app.js';
import type { HealthReport } from '../common/nest/health/health-report.js';

const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const silent = pino({ level: 'silent' });

interface RunningGateway {
  app: INestApplication;
  url: string;
}

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database.drop();
});

async function startGateway(databaseUrl: string, natsUrl: string): Promise<RunningGateway> {
  const app = await createGatewayApp(loadConfig({ DATABASE_URL: databaseUrl, NATS_URL: natsUrl }), silent);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return { app, url: `http://127.0.0.1:${port}` };
}

async function health(gateway: RunningGateway): Promise<{ status: number; body: HealthReport }> {
  const response = await fetch(`${gateway.url}/health`);
  return { status: response.status, body: (await response.json()) as HealthReport };
}

/** Asks until the answer has the wanted status: a client reconnects on its own schedule. */
async function healthOnceStatus(gateway: RunningGateway, status: number, withinMs = 10_000) {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const answer = await health(gateway);
    if (answer.status === status || Date.now() > deadline) return answer;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const up = { ok: true, latencyMs: expect.any(Number) };
const down = { ok: false, latencyMs: expect.any(Number), error: expect.any(String) };

describe('GET /health with PostgreSQL and NATS up', () => {
  let gateway: RunningGateway;

  beforeAll(async () => {
    gateway = await startGateway(database.url, NATS_URL);
  });

  afterAll(async () => {
    await gateway.app.close();
  });

  it('answers 200 and reports both servers ok with how long each took', async () => {
    const { status, body } = await health(gateway);
    expect(status).toBe(200);
    expect(body).toEqual({
      status: 'ok',
      database: up,
      nats: up,
      registry: expect.objectContaining({ ok: false }),
    });
  });
});

describe('GET /health when a server goes away while the gateway runs', () => {
  let postgres: TcpProxy;
  let nats: TcpProxy;
  let gateway: RunningGateway;

  beforeAll(async () => {
    const databaseUrl = new URL(database.url);
    const natsUrl = new URL(NATS_URL);
    postgres = await startTcpProxy({ host: databaseUrl.hostname, port: Number(databaseUrl.port || 5432) });
    nats = await startTcpProxy({ host: natsUrl.hostname, port: Number(natsUrl.port || 4222) });
    databaseUrl.host = `127.0.0.1:${postgres.port}`;
    gateway = await startGateway(databaseUrl.toString(), `nats://127.0.0.1:${nats.port}`);
  });

  afterAll(async () => {
    await gateway.app.close();
    await Promise.all([postgres.stop(), nats.stop()]);
  });

  it('answers 503 naming NATS while NATS is away, and 200 again once it is back', async () => {
    expect((await health(gateway)).status).toBe(200);

    await nats.stop();
    const away = await health(gateway);
    expect(away.status).toBe(503);
    expect(away.body).toMatchObject({ status: 'unavailable', database: up, nats: down });
    // Alive all the same: a liveness probe must not restart it for a server that is away.
    const live = await fetch(`${gateway.url}/health/live`);
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ status: 'alive' });

    await nats.start();
    const back = await healthOnceStatus(gateway, 200);
    expect(back).toMatchObject({ status: 200, body: { status: 'ok', database: up, nats: up } });
  });

  it('answers 503 naming PostgreSQL while PostgreSQL is away, and 200 again once it is back', async () => {
    expect((await health(gateway)).status).toBe(200);

    await postgres.stop();
    const away = await healthOnceStatus(gateway, 503, 3000);
    expect(away.status).toBe(503);
    expect(away.body).toMatchObject({ status: 'unavailable', database: down, nats: up });

    await postgres.start();
    const back = await healthOnceStatus(gateway, 200);
    expect(back).toMatchObject({ status: 200, body: { status: 'ok', database: up, nats: up } });
  });
});

describe('starting the gateway when NATS cannot be reached', () => {
  it('refuses to start, with an error that names the URL it tried', async () => {
    const config = loadConfig({ DATABASE_URL: database.url, NATS_URL: 'nats://127.0.0.1:1' });
    const refusal = await createGatewayApp(config, silent).then(
      async (app) => {
        await app.close();
        return undefined;
      },
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(DxError);
    expect(refusal).toMatchObject({
      code: 'NATS_UNREACHABLE',
      message: expect.stringContaining('nats://127.0.0.1:1'),
    });
  });
});
