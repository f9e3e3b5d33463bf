/**
 * A hub for a test file: its own database (demo contracts recorded, the simulation registered as a
 * consumer of SCADA telemetry), its own nats-server, and a gateway in this process on a free port.
 * Services under test are built from `config` and `quiet` beside it.
 */
import type { INestApplication } from '@nestjs/common';
import { pino, type Logger } from 'pino';
import { loadConfig, type DxConfig } from '../../services/common/config/config.js';
import { createGatewayApp } from '../../services/gateway/create-gateway-app.js';
import { seedRegistry } from './seed-registry.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';
import { startTestNats, type TestNats } from './test-nats.js';

export interface TestHub {
  database: TestDatabase;
  bus: TestNats;
  config: DxConfig;
  quiet: Logger;
  gateway: INestApplication;
  /** Closes the gateway, stops the nats-server and drops the database. */
  stop(): Promise<void>;
}

export async function startTestHub(): Promise<TestHub> {
  const database = await createTestDatabase();
  const bus = await startTestNats();
  await seedRegistry(database.db);
  const config = { ...loadConfig(), databaseUrl: database.url, natsUrl: bus.url };
  const quiet = pino({ level: 'silent' });
  const gateway = await createGatewayApp(config, quiet);
  await gateway.listen(0, '127.0.0.1');
  return {
    database,
    bus,
    config,
    quiet,
    gateway,
    async stop() {
      await gateway.close();
      await bus.stop();
      await database.drop();
    },
  };
}
