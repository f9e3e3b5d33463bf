/**
 * A registry of a test file's own: a fresh database, a private nats-server, and an identities file
 * with three bearer tokens (the subsystems scada and vr, and architect.petrov), listening on a free
 * port. The registry's HTTP specs and the `dx contracts` end-to-end specs start it alike.
 */
import type { INestApplication } from '@nestjs/common';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { loadConfig } from '../../services/common/config/config.js';
import { tokenDigest } from '../../services/common/identity/identity-directory.js';
import { createRegistryApp } from '../../services/registry/create-registry-app.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';
import { startTestNats, type TestNats } from './test-nats.js';

export type RegistryTokens = Record<'scada' | 'vr' | 'architect', string>;

export interface TestRegistry {
  database: TestDatabase;
  bus: TestNats;
  app: INestApplication;
  /** http://127.0.0.1:<port> */
  url: string;
  /** A folder of the file's own for scratch files; removed by stop(). */
  scratch: string;
  stop(): Promise<void>;
}

export async function startTestRegistry(tokens: RegistryTokens): Promise<TestRegistry> {
  const database = await createTestDatabase();
  const bus = await startTestNats();
  const scratch = mkdtempSync(path.join(tmpdir(), 'dx-registry-'));
  const identitiesFile = path.join(scratch, 'identities.json');
  writeFileSync(
    identitiesFile,
    JSON.stringify([
      { id: 'scada', role: 'subsystem', tokenSha256: tokenDigest(tokens.scada) },
      { id: 'vr', role: 'subsystem', tokenSha256: tokenDigest(tokens.vr) },
      { id: 'architect.petrov', role: 'architect', tokenSha256: tokenDigest(tokens.architect) },
    ]),
  );
  const config = { ...loadConfig(), databaseUrl: database.url, natsUrl: bus.url, identitiesFile };
  const app = await createRegistryApp(config, pino({ level: 'silent' }));
  await app.listen(0, '127.0.0.1');
  return {
    database,
    bus,
    app,
    url: await app.getUrl(),
    scratch,
    async stop() {
      await app.close();
      await bus.stop();
      await database.drop();
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}
