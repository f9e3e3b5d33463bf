/**
 * The hub a fault scenario runs against: a database of its own (the demo contracts recorded), reached
 * by the gateways through a TCP proxy the test can cut or silence; a bus (one nats-server, or a
 * cluster); and gateways started as processes from dist/, which the test can kill -9 and start again.
 */
import { startTcpProxy, type TcpProxy } from '../../support/tcp-proxy.js';
import { seedRegistry } from '../../support/seed-registry.js';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.js';
import { startTestNats, type TestNats } from '../../support/test-nats.js';
import { startHealthyGateway, type Exit, type GatewayProcess } from '../../e2e/gateway-process.js';
import { startNatsCluster, type NatsCluster } from './nats-cluster.js';

export interface FaultHub {
  database: TestDatabase;
  /** Between the gateways and PostgreSQL. */
  databaseProxy: TcpProxy;
  /** The client URL of every NATS node (one, or the cluster's three). */
  natsUrls: string[];
  cluster?: NatsCluster;
  gateways: GatewayProcess[];
  /** Gateways that exited without being told to (a crash): must stay empty. */
  crashed: { gateway: GatewayProcess; exit: Exit }[];
  /** Starts another gateway connected to NATS node `node` and waits until it is healthy. */
  startGateway(node?: number): Promise<GatewayProcess>;
  /** kill -9, and waits until it is gone. */
  killGateway(gateway: GatewayProcess): Promise<void>;
  stop(): Promise<void>;
}

export interface FaultHubOptions {
  gateways: number;
  cluster?: boolean;
}

export async function startFaultHub(options: FaultHubOptions): Promise<FaultHub> {
  const database = await createTestDatabase();
  await seedRegistry(database.db);
  const target = new URL(database.url);
  const databaseProxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
  const throughProxy = new URL(database.url);
  throughProxy.hostname = '127.0.0.1';
  throughProxy.port = String(databaseProxy.port);
  let single: TestNats | undefined;
  let cluster: NatsCluster | undefined;
  if (options.cluster) cluster = await startNatsCluster(3);
  else single = await startTestNats();
  const natsUrls = cluster ? cluster.urls : [single!.url];
  const killed = new Set<GatewayProcess>();
  const hub: FaultHub = {
    database,
    databaseProxy,
    natsUrls,
    cluster,
    gateways: [],
    crashed: [],
    async startGateway(node = 0) {
      const gateway = await startHealthyGateway(
        { DATABASE_URL: throughProxy.toString(), NATS_URL: natsUrls[node]!, LOG_LEVEL: 'warn' },
        30_000,
      );
      void gateway.exited.then((exit) => {
        if (!killed.has(gateway)) hub.crashed.push({ gateway, exit });
      });
      hub.gateways.push(gateway);
      return gateway;
    },
    async killGateway(gateway) {
      killed.add(gateway);
      gateway.child.kill('SIGKILL');
      await gateway.exited;
      hub.gateways.splice(hub.gateways.indexOf(gateway), 1);
    },
    async stop() {
      for (const gateway of [...hub.gateways]) await hub.killGateway(gateway);
      await databaseProxy.stop();
      await (cluster ? cluster.stop() : single!.stop());
      await database.drop();
    },
  };
  for (let i = 0; i < options.gateways; i++) await hub.startGateway();
  return hub;
}
