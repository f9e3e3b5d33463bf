/**
 * Plant to hub: an MQTT message on a mapped topic becomes one contracted message. The first inbound
 * route whose filter matches decides the contract, version, key and fields; the message id is derived
 * from the topic and the raw payload (or the route's msgId), so a message the broker sends again is
 * stored once, even in another batch (messages go to the hub in batches: PublishBatcher). A payload that is not JSON, a topic no route maps, a mapping that fails on this payload
 * or a payload the hub refuses is recorded as a refusal with the topic and the raw bytes.
 */
import { deriveMsgId } from '../shared/derive-msg-id.js';
import type { EdgeHub } from '../shared/edge-hub.js';
import { PublishBatcher, type BatchSettings } from '../shared/publish-batcher.js';
import { compileField, compileFields, type Resolve } from '../shared/field-spec.js';
import type { PlantMessage } from '../shared/mqtt-session.js';
import type { InboundRoute, MqttMapping } from './mqtt-mapping.js';
import { matchTopic } from './topic-pattern.js';

interface CompiledRoute {
  route: InboundRoute;
  build?: (context: object) => Promise<object>;
  key?: Resolve;
  msgId?: Resolve;
}

export class MqttInbound {
  private readonly routes: CompiledRoute[];

  private readonly batcher: PublishBatcher;

  constructor(
    private readonly mapping: MqttMapping,
    private readonly hub: EdgeHub,
    batches: BatchSettings,
  ) {
    this.batcher = new PublishBatcher(hub, batches);
    this.routes = (mapping.inbound ?? []).map((route) => ({
      route,
      build: route.fields && compileFields(route.fields),
      key: route.key === undefined ? undefined : compileField(route.key),
      msgId: route.msgId === undefined ? undefined : compileField(route.msgId),
    }));
  }

  /** The topic filters to subscribe to. */
  get filters(): string[] {
    return [...new Set(this.routes.map((r) => r.route.topic))];
  }

  async handle(message: PlantMessage): Promise<void> {
    const edge = this.mapping.edge;
    const derivedId = deriveMsgId(edge, message.topic, message.payload);
    const refuse = (reason: string, text: string, details?: Record<string, unknown>) =>
      this.hub.recordRefusal({
        source: message.topic,
        reason,
        message: text,
        details,
        raw: message.payload,
        msgId: derivedId,
      });
    let levels: string[] | undefined;
    const compiled = this.routes.find((r) => (levels = matchTopic(r.route.topic, message.topic)));
    if (!compiled || !levels)
      return refuse('NO_MAPPING', `no inbound route of the mapping matches the topic ${message.topic}`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(message.payload.toString('utf8'));
    } catch (error) {
      return refuse('PAYLOAD_NOT_JSON', `the payload on ${message.topic} is not JSON`, {
        error: (error as Error).message,
      });
    }
    const context = {
      topic: message.topic,
      levels,
      payload: parsed,
      receivedAt: new Date().toISOString(),
      userProperties: message.userProperties ?? {},
    };
    const { route } = compiled;
    let payload: unknown;
    let key: unknown;
    let msgId = derivedId;
    try {
      payload = compiled.build ? await compiled.build(context) : parsed;
      key = compiled.key ? await compiled.key(context) : undefined;
      if (compiled.msgId) {
        const id = await compiled.msgId(context);
        if (typeof id !== 'string' && typeof id !== 'number')
          return refuse('MSG_ID_MISSING', `the route's msgId gives no string for ${message.topic}`);
        msgId = `${edge}:${id}`;
      }
    } catch (error) {
      return refuse('MAPPING_FAILED', `the mapping failed on ${message.topic}: ${(error as Error).message}`);
    }
    if (typeof payload !== 'object' || payload === null || Array.isArray(payload))
      return refuse('PAYLOAD_NOT_OBJECT', `the payload on ${message.topic} is not a JSON object`, {
        expected: 'object',
        actual: Array.isArray(payload) ? 'array' : payload === null ? 'null' : typeof payload,
      });
    if (key !== undefined && typeof key !== 'string' && typeof key !== 'number')
      return refuse('KEY_MISSING', `the route's key gives no string for ${message.topic}`);
    await this.batcher.publish(route.contract, route.version, {
      payload,
      msgId,
      key: key === undefined ? undefined : String(key),
      refusal: { source: message.topic, raw: message.payload },
    });
  }
}
