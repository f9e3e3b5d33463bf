/**
 * A subscriber's own units (`units: {"/temperature": "K"}` on subscribe, or those it registered as a
 * consumer of the contract, `dx contracts consumers --register --unit`): checked once against the
 * contract's schemas, which the registry gives (dx.registry.get, dx.registry.schema), before anything is
 * delivered, so a unit that is not UCUM or does not convert from the field's is refused at once naming
 * both; then every delivered event, caught up or live, is converted from the units of its own version.
 *
 * The conversion runs in the client, not the gateway, because the live feed (dx.data.<contract>.<major>)
 * is one message for every subscriber of a major: converting there would mean a subject per unit choice.
 * It is the same code the gateway uses for replays and history (services/common/units), so a replay with
 * `units` and a subscription with the same units deliver the same numbers.
 */
import type { EventEnvelope } from '../common/event-store/event-store.types.js';
import { DxError } from '../common/errors/dx-error.js';
import { SUBJECTS } from '../common/nats/subjects.js';
import type { JsonSchema } from '../common/schemas/json-schema.types.js';
import { checkConsumerUnits, inConsumerUnits, type ConsumerUnits } from '../common/units/consumer-units.js';
import type { HubConnection } from './hub-connection.js';
import { HubRefusedError, refusalOf } from './hub-refused-error.js';

interface RegistryReply<T> {
  ok?: boolean;
  result?: T;
  error?: unknown;
}

export class SubscriptionUnits {
  private readonly schemas = new Map<string, JsonSchema>();

  private constructor(
    private readonly hub: HubConnection,
    private readonly contract: string,
    readonly units: ConsumerUnits,
    private readonly timeoutMs: number,
  ) {}

  /**
   * Reads the major's versions and checks `units` against them; refuses with HubRefusedError. Without
   * `units`, the units `identity` registered as a consumer of the contract, if any (else undefined:
   * nothing to convert).
   */
  static async open(
    hub: HubConnection,
    contract: string,
    asked: ConsumerUnits | undefined,
    identity: string,
    timeoutMs: number,
    /** The major subscribed: its versions are the ones whose units count. */
    major: number,
  ): Promise<SubscriptionUnits | undefined> {
    const asker = new SubscriptionUnits(hub, contract, {}, timeoutMs);
    const { versions, consumers } = await asker.ask<{
      versions: { version: string }[];
      consumers?: { consumer: string; units?: ConsumerUnits }[];
    }>('get', { contract });
    const units = asked ?? consumers?.find((c) => c.consumer === identity)?.units;
    if (units === undefined || Object.keys(units).length === 0) return undefined;
    const opened = new SubscriptionUnits(hub, contract, units, timeoutMs);
    // The versions of the major subscribed, asked all at once (the events delivered are of that major).
    const ofMajor = versions.filter(({ version }) => Number(version.split('.')[0]) === major).reverse();
    const newestFirst = await Promise.all(ofMajor.map(({ version }) => opened.schemaOf(version)));
    try {
      checkConsumerUnits(units, newestFirst, contract);
    } catch (error) {
      if (error instanceof DxError)
        throw new HubRefusedError({ code: error.code, message: error.message, details: error.details });
      throw error;
    }
    return opened;
  }

  /** The event with its asked-for fields in the subscriber's units, from its own version's. */
  async convert(event: EventEnvelope): Promise<EventEnvelope> {
    const schema = await this.schemaOf(event.version);
    const data = inConsumerUnits(event.data, schema, this.units);
    return data === event.data ? event : { ...event, data };
  }

  /** A version's schema, asked once (a version approved after subscribe() is asked when first seen). */
  private async schemaOf(version: string): Promise<JsonSchema> {
    let schema = this.schemas.get(version);
    if (!schema) {
      schema = await this.ask<JsonSchema>('schema', { contract: this.contract, version });
      this.schemas.set(version, schema);
    }
    return schema;
  }

  private async ask<T>(operation: string, body: object): Promise<T> {
    const reply = (
      await this.hub.request(SUBJECTS.registry(operation), JSON.stringify(body), this.timeoutMs)
    ).json<RegistryReply<T>>();
    if (reply.ok !== true || reply.result === undefined) throw new HubRefusedError(refusalOf(reply.error));
    return reply.result;
  }
}
