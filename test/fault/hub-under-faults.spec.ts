/**
 * The fault suite: a load of one-event, batch and buffered publishes through the client library
 * against gateways running as processes, a subscriber following the contract (catch-up, then live),
 * and one fault injected while it runs. Afterwards every acknowledged message must be in the store
 * once, at the acknowledged position, each stream in publish order; every publish answered; the
 * subscriber handed every stored event once, in order per stream, with no gap; no gateway crashed.
 * Prints the table of what each fault did. Run with `npm run test:fault` (built dist/ needed).
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { killRunningGateways } from '../e2e/gateway-process.js';
import { faultTable } from './support/fault-table.js';
import { startFaultHub, type FaultHub, type FaultHubOptions } from './support/fault-hub.js';
import { startFollower } from './support/follower.js';
import { startProducer, type Producer } from './support/load.js';
import { sendPoison } from './support/poison.js';
import { storedEvents, tally, type FaultRow } from './support/tally.js';

const rows: FaultRow[] = [];
const OUTAGE_MS = 10_000;

afterAll(() => {
  killRunningGateways();
  process.stdout.write(`\nDX Hub under faults\n\n${faultTable(rows)}\n\n`);
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Until the producers together have `more` acknowledged messages than when asked. */
async function moreAcked(producers: Producer[], more: number, withinMs = 60_000): Promise<void> {
  const acked = () => producers.reduce((n, p) => n + p.sent.filter((s) => s.outcome === 'acked').length, 0);
  const target = acked() + more;
  const deadline = Date.now() + withinMs;
  while (acked() < target) {
    if (Date.now() > deadline) throw new Error(`the load did not reach ${target} acknowledged messages`);
    await sleep(50);
  }
}

/**
 * Starts the hub, the subscriber and the load; injects the fault once the load runs; lets the load go
 * on until it has been acknowledged again after the fault; stops it, waits for the subscriber, counts.
 */
async function underFault(
  fault: string,
  options: FaultHubOptions,
  inject: (hub: FaultHub) => Promise<{ refused?: number } | void>,
): Promise<FaultRow> {
  const hub = await startFaultHub(options);
  try {
    // Clients use the nodes the gateways are not on first (in a cluster, node 0 is the one lost).
    const node = (i: number) => hub.natsUrls[(i + 1) % hub.natsUrls.length]!;
    const follower = await startFollower(node(1));
    const producers = await Promise.all([
      startProducer({ natsUrl: node(0), tag: 'f', kind: 'single', keys: ['R101', 'R102'], everyMs: 5 }),
      startProducer({
        natsUrl: node(1),
        tag: 'f',
        kind: 'batch',
        keys: ['R201', 'R202', 'R203'],
        everyMs: 20,
      }),
      startProducer({ natsUrl: node(0), tag: 'f', kind: 'buffered', keys: ['R301'], everyMs: 10 }),
    ]);
    let extra: { refused?: number } | void;
    try {
      await moreAcked(producers, 200);
      extra = await inject(hub);
      await moreAcked(producers, 200);
    } finally {
      await Promise.all(producers.map((p) => p.stop()));
    }
    const stored = await storedEvents(hub.database.db);
    await follower.stopAfter(stored.length, 60_000);
    const row = tally(
      fault,
      producers.flatMap((p) => p.sent),
      stored,
      follower.received,
      { refused: extra?.refused, crashed: hub.crashed.length },
    );
    rows.push(row);
    return row;
  } finally {
    await hub.stop();
  }
}

function expectNothingLost(row: FaultRow): void {
  expect(row).toMatchObject({
    lost: 0,
    duplicated: 0,
    unanswered: 0,
    missedBySubscriber: 0,
    duplicatedBySubscriber: 0,
    outOfOrder: 0,
    disorders: [],
    crashed: 0,
  });
  expect(row.acked).toBeGreaterThan(400);
  expect(row.received).toBe(row.stored);
}

describe('the hub under faults, with load running', () => {
  it('loses and repeats nothing when one of two gateways is killed -9', async () => {
    const row = await underFault('kill -9 one of two gateways', { gateways: 2 }, async (hub) => {
      await hub.killGateway(hub.gateways[0]!);
    });
    expectNothingLost(row);
  });

  it('loses and repeats nothing when the only gateway is killed -9 and started again', async () => {
    const row = await underFault('kill -9 the only gateway, restarted', { gateways: 1 }, async (hub) => {
      await hub.killGateway(hub.gateways[0]!);
      await hub.startGateway();
    });
    expectNothingLost(row);
  });

  it('loses and repeats nothing when the database refuses connections for 10 s', async () => {
    const row = await underFault('database refused for 10 s', { gateways: 2 }, async (hub) => {
      await hub.databaseProxy.stop();
      await sleep(OUTAGE_MS);
      await hub.databaseProxy.start();
    });
    expectNothingLost(row);
  });

  it('loses and repeats nothing when the database stops answering for 10 s', async () => {
    const row = await underFault('database silent for 10 s', { gateways: 2 }, async (hub) => {
      hub.databaseProxy.stall();
      await sleep(OUTAGE_MS);
      hub.databaseProxy.resume();
    });
    expectNothingLost(row);
  });

  it('loses and repeats nothing when the NATS node the gateway is connected to dies', async () => {
    const row = await underFault(
      'NATS node of the gateway killed',
      { gateways: 1, cluster: true },
      async (hub) => {
        await hub.cluster!.nodes[0]!.kill!();
      },
    );
    expectNothingLost(row);
  });

  it('answers every poison input with a refusal and keeps every gateway up', async () => {
    const row = await underFault('poison inputs during the load', { gateways: 2 }, async (hub) => ({
      refused: await sendPoison(hub.natsUrls[0]!, hub.gateways[0]!.url, 2),
    }));
    expectNothingLost(row);
    expect(row.refused).toBeGreaterThanOrEqual(26);
  });
});
