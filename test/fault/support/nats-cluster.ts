/**
 * Three nats-server processes on loopback ports, routed to each other as one cluster: what the hub
 * runs on in production, so that a test can take away the node a gateway is connected to.
 */
import { connect } from '@nats-io/transport-node';
import { freePort } from '../../support/free-port.js';
import { startTestNats, type TestNats } from '../../support/test-nats.js';

export interface NatsCluster {
  /** The client URL of each node, in order. */
  urls: string[];
  nodes: TestNats[];
  stop(): Promise<void>;
}

export async function startNatsCluster(size = 3): Promise<NatsCluster> {
  const routes = await Promise.all(Array.from({ length: size }, () => freePort()));
  const nodes: TestNats[] = [];
  for (let i = 0; i < size; i++) {
    const others = routes.filter((_, j) => j !== i).map((port) => `"nats://127.0.0.1:${port}"`);
    nodes.push(
      await startTestNats({
        config: `server_name: dx-fault-${i}\ncluster {\n  name: dx-fault\n  listen: 127.0.0.1:${routes[i]}\n  routes: [${others.join(', ')}]\n}\n`,
      }),
    );
  }
  const cluster = {
    urls: nodes.map((n) => n.url),
    nodes,
    async stop() {
      await Promise.all(nodes.map((n) => n.stop()));
    },
  };
  await waitForRoutes(cluster.urls);
  return cluster;
}

/** Until a message published on each node reaches a subscriber on every other one. */
async function waitForRoutes(urls: string[]): Promise<void> {
  const connections = await Promise.all(urls.map((servers) => connect({ servers })));
  try {
    for (let attempt = 0; ; attempt++) {
      let all = true;
      for (const [i, from] of connections.entries()) {
        for (const [j, to] of connections.entries()) {
          if (i === j) continue;
          const subject = `dx.fault.route.${i}.${j}.${attempt}`;
          const sub = to.subscribe(subject, { max: 1 });
          await to.flush();
          const got = (async () => {
            for await (const _ of sub) return true;
            return false;
          })();
          from.publish(subject, 'ping');
          const arrived = await Promise.race([
            got,
            new Promise<boolean>((r) => setTimeout(() => r(false), 200)),
          ]);
          sub.unsubscribe();
          all &&= arrived;
        }
      }
      if (all) return;
      if (attempt > 100) throw new Error('the NATS cluster did not form');
    }
  } finally {
    await Promise.all(connections.map((c) => c.close()));
  }
}
