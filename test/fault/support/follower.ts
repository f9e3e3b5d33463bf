/**
 * A consumer of the contract through the client library, as a subsystem would follow it: catch-up
 * from the start, then live, across whatever the fault does to the live feed. It keeps every event
 * it was handed, in order, for the tally.
 */
import { DxClient, type DxSubscription, type EventEnvelope } from '../../../services/client/index.js';
import { CONTRACT } from './load.js';

export interface Follower {
  received: EventEnvelope[];
  subscription: DxSubscription;
  /** Waits until it has been handed `count` distinct events (or the time is up), then closes. */
  stopAfter(count: number, withinMs: number): Promise<void>;
}

export async function startFollower(natsUrl: string): Promise<Follower> {
  const client = await DxClient.connect({
    nats: natsUrl,
    identity: 'scada',
    requestTimeoutMs: 3000,
    retry: { attempts: 80, initialDelayMs: 100, maxDelayMs: 1000 },
  });
  const received: EventEnvelope[] = [];
  const subscription = await client.subscribe(CONTRACT, { major: 1, from: 0 }, (event) => {
    received.push(event);
  });
  await subscription.caughtUp;
  return {
    received,
    subscription,
    async stopAfter(count, withinMs) {
      const deadline = Date.now() + withinMs;
      while (new Set(received.map((e) => e.position)).size < count && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 100));
      await subscription.close();
      await client.close();
    },
  };
}
