/**
 * The whole hub for a browser test or the console's benchmark: a fresh database with the demo
 * contracts recorded, a private nats-server, and `npm start` (gateway, registry, simulation and
 * console, each its own process) on free ports. Built services only: run `npm run build` first.
 */
import { createTestDatabase, type TestDatabase } from '../../support/test-database.js';
import { seedRegistry } from '../../support/seed-registry.js';
import { startTestNats, type TestNats } from '../../support/test-nats.js';
import {
  freePort,
  killRunningGateways,
  LAUNCHER_MAIN,
  spawnGateway,
  waitUntilHealthy,
  type GatewayProcess,
} from '../../e2e/gateway-process.js';

export interface ConsoleHub {
  database: TestDatabase;
  bus: TestNats;
  launcher: GatewayProcess;
  gatewayUrl: string;
  registryUrl: string;
  simulationUrl: string;
  consoleUrl: string;
  stop(): Promise<void>;
}

export async function startConsoleHub(env: NodeJS.ProcessEnv = {}): Promise<ConsoleHub> {
  const database = await createTestDatabase();
  const bus = await startTestNats();
  await seedRegistry(database.db);
  const [port, registryPort, simPort, consolePort] = [
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  const launcher = spawnGateway(
    {
      PORT: String(port),
      REGISTRY_PORT: String(registryPort),
      SIM_PORT: String(simPort),
      CONSOLE_PORT: String(consolePort),
      DATABASE_URL: database.url,
      NATS_URL: bus.url,
      DX_SIM_WORKERS: '1',
      LOG_LEVEL: 'warn',
      // The hub and the console only: the demo plant would publish telemetry of its own.
      DX_HUB_ONLY: '1',
      ...env,
    },
    LAUNCHER_MAIN,
  );
  const urls = {
    gatewayUrl: `http://127.0.0.1:${port}`,
    registryUrl: `http://127.0.0.1:${registryPort}`,
    simulationUrl: `http://127.0.0.1:${simPort}`,
    consoleUrl: `http://127.0.0.1:${consolePort}`,
  };
  try {
    for (const url of Object.values(urls)) await waitUntilHealthy({ ...launcher, url }, 60_000);
  } catch (error) {
    killRunningGateways();
    await bus.stop();
    await database.drop();
    throw error;
  }
  return {
    database,
    bus,
    launcher,
    ...urls,
    async stop() {
      launcher.child.kill('SIGTERM');
      const exited = await Promise.race([
        launcher.exited.then(() => true),
        new Promise<boolean>((r) => setTimeout(() => r(false), 10_000)),
      ]);
      if (!exited) killRunningGateways();
      await bus.stop();
      await database.drop();
    },
  };
}
