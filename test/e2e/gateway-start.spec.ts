import { afterAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { serverUrl, testDatabaseName, withDatabase } from '../support/database-server.js';
import { createTestDatabase, withAdmin } from '../support/test-database.js';
import {
  freePort,
  killRunningGateways,
  spawnGateway,
  timed,
  waitUntilHealthy,
  type GatewayProcess,
} from './gateway-process.js';

const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const HEALTHY = {
  status: 'ok',
  registry: expect.objectContaining({ ok: expect.any(Boolean) }),
  database: { ok: true, latencyMs: expect.any(Number) },
  nats: { ok: true, latencyMs: expect.any(Number) },
};

afterAll(() => {
  killRunningGateways();
});

/** A database name the test run's global setup clears away if this file is killed half-way. */
function scratchDatabaseName(): string {
  return testDatabaseName('e2e');
}

async function dropDatabase(name: string): Promise<void> {
  await withAdmin((admin) =>
    admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`),
  );
}

async function stop(gateway: GatewayProcess) {
  gateway.child.kill('SIGTERM');
  return timed(gateway.exited);
}

function expectOneLineWithoutStack(stderr: string): void {
  expect(stderr).toMatch(/^[^\n]+\n$/);
  // A stack frame: "    at fn (file.js:10:5)" or "    at file.js:10:5".
  expect(stderr).not.toMatch(/^\s+at |\bat \S.*:\d+:\d+\)?$/m);
}

describe('starting the gateway when a server it needs is not there', () => {
  it('exits with code 1 within 10 s, saying on one stderr line that PostgreSQL is unreachable at the URL it tried', async () => {
    const databaseUrl = 'postgres://postgres@127.0.0.1:1/dx';
    const gateway = spawnGateway({ DATABASE_URL: databaseUrl, NATS_URL, PORT: String(await freePort()) });

    const { value: exit, ms } = await timed(gateway.exited);

    expect(exit.code).toBe(1);
    expect(ms).toBeLessThan(10_000);
    expectOneLineWithoutStack(gateway.stderr());
    expect(gateway.stderr()).toContain(databaseUrl);
    expect(gateway.stderr()).toContain('PostgreSQL');
    expect(gateway.stdout()).toBe('');
  });

  it('exits with code 1 within 10 s, saying on one stderr line that NATS is unreachable at the URL it tried', async () => {
    const database = await createTestDatabase();
    try {
      const natsUrl = 'nats://127.0.0.1:1';
      const gateway = spawnGateway({
        DATABASE_URL: database.url,
        NATS_URL: natsUrl,
        PORT: String(await freePort()),
      });

      const { value: exit, ms } = await timed(gateway.exited);

      expect(exit.code).toBe(1);
      expect(ms).toBeLessThan(10_000);
      expectOneLineWithoutStack(gateway.stderr());
      expect(gateway.stderr()).toContain(natsUrl);
      expect(gateway.stderr()).toContain('NATS');
      expect(gateway.stdout()).toBe('');
    } finally {
      await database.drop();
    }
  });
});

describe('running the gateway', () => {
  it('answers GET /health with 200 once started, and exits 0 within 5 s of SIGTERM', async () => {
    const database = await createTestDatabase();
    try {
      const gateway = spawnGateway({ DATABASE_URL: database.url, NATS_URL, PORT: String(await freePort()) });

      expect(await waitUntilHealthy(gateway)).toEqual(HEALTHY);
      const { value: exit, ms } = await stop(gateway);

      expect(exit).toEqual({ code: 0, signal: null });
      expect(ms).toBeLessThan(5_000);
      expect(gateway.stderr()).toBe('');
      expect(gateway.stdout()).toContain(gateway.url);
    } finally {
      await database.drop();
    }
  });
});

describe('two gateways starting at once', () => {
  async function startTwoAgainst(databaseUrl: string): Promise<void> {
    const gateways = [
      spawnGateway({ DATABASE_URL: databaseUrl, NATS_URL, PORT: String(await freePort()) }),
      spawnGateway({ DATABASE_URL: databaseUrl, NATS_URL, PORT: String(await freePort()) }),
    ];
    const health = await Promise.all(gateways.map((gateway) => waitUntilHealthy(gateway)));
    const exits = await Promise.all(gateways.map(stop));

    expect(health).toEqual([HEALTHY, HEALTHY]);
    expect(exits.map(({ value }) => value.code)).toEqual([0, 0]);
  }

  async function migrationsApplied(databaseUrl: string): Promise<{ name: string; times: number }[]> {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ name: string; times: number }>(
        'SELECT name, count(*)::int AS times FROM dx.migrations GROUP BY name ORDER BY name',
      );
      return rows;
    } finally {
      await client.end();
    }
  }

  it('both come up healthy on one new, empty database, which ends up migrated once', async () => {
    const name = scratchDatabaseName();
    await withAdmin((admin) => admin.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`));
    try {
      const databaseUrl = withDatabase(serverUrl(), name);
      await startTwoAgainst(databaseUrl);

      const applied = await migrationsApplied(databaseUrl);
      expect(applied.length).toBeGreaterThan(0);
      expect(applied.every(({ times }) => times === 1)).toBe(true);
    } finally {
      await dropDatabase(name);
    }
  });

  it('both come up healthy when their database does not exist yet', async () => {
    const name = scratchDatabaseName();
    try {
      const databaseUrl = withDatabase(serverUrl(), name);
      await startTwoAgainst(databaseUrl);

      const applied = await migrationsApplied(databaseUrl);
      expect(applied.length).toBeGreaterThan(0);
      expect(applied.every(({ times }) => times === 1)).toBe(true);
    } finally {
      await dropDatabase(name);
    }
  });
});
