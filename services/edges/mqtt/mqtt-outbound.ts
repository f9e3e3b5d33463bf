/**
 * Hub to plant: events of the outbound routes' contracts (e.g. the twin's `scada.setpoints`) are
 * written to plant topics at QoS 1, one at a time and in order per key, each after the broker
 * acknowledged the one before. MQTT 5 messages carry the event's identity as user properties
 * (dx-contract, dx-version, dx-position, dx-stream-position, dx-msg-id) so the plant can tell a repeat.
 */
import type { Logger } from 'pino';
import type { EventEnvelope } from '../../client/index.js';
import { compileFields } from '../shared/field-spec.js';
import { readPointer } from '../shared/json-pointer.js';
import type { MqttSession } from '../shared/mqtt-session.js';
import type { OutboundRoute } from './mqtt-mapping.js';

export class MqttOutbound {
  private readonly routes: { route: OutboundRoute; build?: (context: object) => Promise<object> }[];

  constructor(
    routes: OutboundRoute[],
    private readonly session: MqttSession,
    private readonly logger: Logger,
  ) {
    this.routes = routes.map((route) => ({ route, build: route.fields && compileFields(route.fields) }));
  }

  /** The (contract, major) pairs to follow, each once. */
  get follows(): { contract: string; major: number; from?: number }[] {
    const seen = new Map<string, { contract: string; major: number; from?: number }>();
    for (const { route } of this.routes)
      seen.set(`${route.contract}@${route.major}`, {
        contract: route.contract,
        major: route.major,
        from: route.from,
      });
    return [...seen.values()];
  }

  /** Writes the event to every route that takes it; true when at least one did. */
  async write(event: EventEnvelope, major: number): Promise<boolean> {
    let wrote = false;
    for (const { route, build } of this.routes) {
      if (route.contract !== event.contract || route.major !== major) continue;
      const data = event.data as Record<string, unknown>;
      if (route.match && !Object.entries(route.match).every(([field, value]) => data[field] === value))
        continue;
      const topic = topicOf(route.topic, event);
      if (!topic) {
        this.logger.error(
          { contract: event.contract, position: event.position, topic: route.topic },
          'the event has no value for a level of the outbound topic; not written',
        );
        continue;
      }
      const payload = build ? await build({ data, key: event.key, event }) : data;
      await this.session.publish(topic, JSON.stringify(payload), {
        qos: 1,
        retain: route.retain,
        userProperties: {
          'dx-contract': event.contract,
          'dx-version': event.version,
          'dx-position': String(event.position),
          'dx-stream-position': String(event.streamPosition),
          'dx-msg-id': event.msgId,
        },
      });
      wrote = true;
    }
    return wrote;
  }
}

/** Fills `{key}` and `{/pointer}` levels; undefined when one is missing or not a valid topic level. */
export function topicOf(template: string, event: Pick<EventEnvelope, 'key' | 'data'>): string | undefined {
  let missing = false;
  const topic = template.replace(/\{([^}]*)\}/g, (_, name: string) => {
    const value = name === 'key' ? event.key : readPointer(event.data, name);
    const text = typeof value === 'string' || typeof value === 'number' ? String(value) : '';
    if (text === '' || /[+#/]/.test(text) || text.includes('\0')) missing = true;
    return text;
  });
  return missing ? undefined : topic;
}
