/**
 * The other instances of the simulation service. A realtime session or a run lives on the instance
 * that started it, but dx.sim.stop and dx.sim.status (and HTTP) reach any instance: one that does not
 * hold the id asks all of them on dx.sim.held.<operation>, and the one that holds it answers. The
 * others stay silent, so no answer within the wait means nobody holds it.
 */
import { randomUUID } from 'node:crypto';
import { RequestError, TimeoutError, type NatsConnection, type Subscription } from '@nats-io/transport-node';
import { SUBJECTS } from '../../common/nats/subjects.js';

export type HeldOperation = 'stop' | 'status';

/** What this instance answers for an id it holds; undefined when it does not hold it. */
export type HeldHandler = (operation: HeldOperation, id: string) => Promise<unknown> | unknown;

/** How long to wait for the instance that holds an id. */
const ASK_TIMEOUT_MS = 1000;

export class SimulationPeers {
  private readonly subscriptions: Subscription[] = [];
  /** Tells this instance's own questions apart from the others'. */
  private readonly me = randomUUID();

  constructor(private readonly nats: NatsConnection) {}

  /** Answers the other instances' questions about what this one holds. */
  serve(handler: HeldHandler): void {
    for (const operation of ['stop', 'status'] as const) {
      this.subscriptions.push(
        this.nats.subscribe(SUBJECTS.simHeld(operation), {
          callback: (error, msg) => {
            if (error) return;
            void (async () => {
              const { id, from } = msg.json<{ id?: unknown; from?: unknown }>();
              // The asker has looked at home already.
              if (typeof id !== 'string' || from === this.me) return;
              const answer = await handler(operation, id);
              if (answer !== undefined) msg.respond(JSON.stringify(answer));
            })().catch(() => undefined);
          },
        }),
      );
    }
  }

  /**
   * The answer of the instance that holds the id, or undefined when none answers in time. Any other
   * failure (NATS gone, a refused request) is the caller's error, not a "nobody holds it".
   */
  async ask<T>(operation: HeldOperation, id: string): Promise<T | undefined> {
    try {
      const reply = await this.nats.request(
        SUBJECTS.simHeld(operation),
        JSON.stringify({ id, from: this.me }),
        {
          timeout: ASK_TIMEOUT_MS,
        },
      );
      return reply.json<T>();
    } catch (error) {
      if (error instanceof TimeoutError || (error instanceof RequestError && error.isNoResponders()))
        return undefined;
      throw error;
    }
  }

  close(): void {
    for (const subscription of this.subscriptions) subscription.unsubscribe();
  }
}
