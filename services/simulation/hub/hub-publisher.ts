/**
 * How the simulation subsystem publishes its contracted data through the hub: with the hub's client
 * library (services/client), like any other subsystem, so results are validated, stored, cached and
 * replayable like any other data.
 */
import type { NatsConnection } from '@nats-io/transport-node';
import { DxError } from '../../common/errors/dx-error.js';
import { DxClient, HubRefusedError, type ItemResult } from '../../client/index.js';
import { SIMULATION_IDENTITY } from '../../common/identity/identity.types.js';

export interface PublishedPosition {
  position: number;
  streamPosition: number;
}

export interface HubPublisher {
  /** Publishes one payload, or a batch; resolves once the hub has stored it, rejects with its refusal. */
  publish(
    contract: string,
    version: string,
    payloads: object[],
    settings?: PublishSettings,
  ): Promise<PublishedPosition[]>;
}

export interface PublishSettings {
  /** Makes a retry, or the same result published twice, one event (the hub's idempotency). */
  msgId?: string;
  /** Optimistic concurrency: the stream position the stream must be at (one payload only). */
  expectedPosition?: number;
}

/** Publishes through the client library: stable message ids, retries while the hub is briefly away. */
export class ClientHubPublisher implements HubPublisher {
  private readonly client: Promise<DxClient>;

  constructor(nats: NatsConnection | string, producer: string = SIMULATION_IDENTITY) {
    this.client = DxClient.connect({ nats, producer });
  }

  async publish(
    contract: string,
    version: string,
    payloads: object[],
    settings: PublishSettings = {},
  ): Promise<PublishedPosition[]> {
    const client = await this.client;
    const options = { version, ...settings };
    try {
      let items: ItemResult[];
      if (payloads.length === 1) {
        const outcome = await client.publish(contract, payloads[0]!, options);
        if (outcome.buffered) throw new Error('the hub did not take the results');
        items = [{ ok: true, ...outcome }];
      } else {
        const outcome = await client.publish(contract, payloads, options);
        if (outcome.buffered) throw new Error('the hub did not take the results');
        items = outcome.results;
      }
      const refused = items.find((item) => !item.ok);
      if (refused && !refused.ok) throw refused.error;
      return items.map((item) =>
        item.ok
          ? { position: item.position, streamPosition: item.streamPosition }
          : { position: 0, streamPosition: 0 },
      );
    } catch (error) {
      const refusal = error instanceof HubRefusedError ? error : undefined;
      throw new DxError('SIM_FAILED', `the hub refused ${contract} ${version}: ${(error as Error).message}`, {
        cause: refusal?.code,
        contract,
        refusal: refusal
          ? { code: refusal.code, message: refusal.message, details: refusal.details }
          : undefined,
      });
    }
  }

  async close(): Promise<void> {
    await (await this.client).close();
  }
}
