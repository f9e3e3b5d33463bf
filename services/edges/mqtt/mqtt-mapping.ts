/**
 * The MQTT bridge's mapping file: which topics become which contract (in), and which contracted data
 * goes to which plant topic (out). Example: services/edges/mappings/mqtt.demo.yaml; reference:
 * docs/edges.md#the-mqtt-bridge.
 */
import { checkFieldSpecs, FIELD_SPEC_SCHEMA, type FieldSpec } from '../shared/field-spec.js';
import type { MappingProblem } from '../shared/load-mapping.js';
import { filterProblem } from './topic-pattern.js';

export interface InboundRoute {
  /** An MQTT topic filter, e.g. `plant/+/pump/+`. */
  topic: string;
  contract: string;
  /** The full version of the schema the payloads follow. */
  version: string;
  /** The payload's fields; without it, the message's JSON payload is the payload as it is. */
  fields?: Record<string, FieldSpec>;
  /** The asset; without it the hub reads it from the payload at the contract's key pointer. */
  key?: FieldSpec;
  /** The message id; by default a hash of the topic and the raw payload. */
  msgId?: FieldSpec;
}

export interface OutboundRoute {
  contract: string;
  major: number;
  /** The plant topic: `{key}`, or `{/pointer}` into the event's data, e.g. `plant/{/equipment}/setpoint`. */
  topic: string;
  /** Only events whose data has these values. */
  match?: Record<string, string | number | boolean>;
  /** The MQTT payload; by default the event's data as JSON. */
  fields?: Record<string, FieldSpec>;
  retain?: boolean;
  /** Where to start without a saved checkpoint: after this global position (default 0, everything). */
  from?: number;
}

export interface MqttMapping {
  edge: string;
  producer: string;
  mqtt?: {
    protocolVersion?: 4 | 5;
    clientId?: string;
    /** MQTT 5 shared subscriptions: replicas with the same group share the load. */
    sharedGroup?: string;
    sessionExpirySeconds?: number;
  };
  refusals?: { contract: string; version: string };
  inbound?: InboundRoute[];
  outbound?: OutboundRoute[];
}

const ID = { type: 'string', pattern: '^[A-Za-z0-9_-]+$' } as const;
const CONTRACT = { type: 'string', pattern: '^[a-z0-9-]+\\.[a-z0-9-]+$' } as const;
const VERSION = { type: 'string', pattern: '^[0-9]+\\.[0-9]+\\.[0-9]+$' } as const;
const FIELDS = { type: 'object', additionalProperties: FIELD_SPEC_SCHEMA, minProperties: 1 } as const;

export const MQTT_MAPPING_SCHEMA = {
  type: 'object',
  required: ['edge', 'producer'],
  additionalProperties: false,
  properties: {
    edge: ID,
    producer: ID,
    mqtt: {
      type: 'object',
      additionalProperties: false,
      properties: {
        protocolVersion: { enum: [4, 5] },
        clientId: { type: 'string', minLength: 1, maxLength: 23 },
        sharedGroup: ID,
        sessionExpirySeconds: { type: 'integer', minimum: 0 },
      },
    },
    refusals: {
      type: 'object',
      required: ['contract', 'version'],
      additionalProperties: false,
      properties: { contract: CONTRACT, version: VERSION },
    },
    inbound: {
      type: 'array',
      items: {
        type: 'object',
        required: ['topic', 'contract', 'version'],
        additionalProperties: false,
        properties: {
          topic: { type: 'string' },
          contract: CONTRACT,
          version: VERSION,
          fields: FIELDS,
          key: FIELD_SPEC_SCHEMA,
          msgId: FIELD_SPEC_SCHEMA,
        },
      },
    },
    outbound: {
      type: 'array',
      items: {
        type: 'object',
        required: ['contract', 'major', 'topic'],
        additionalProperties: false,
        properties: {
          contract: CONTRACT,
          major: { type: 'integer', minimum: 1 },
          topic: { type: 'string', minLength: 1 },
          match: {
            type: 'object',
            additionalProperties: { type: ['string', 'number', 'boolean'] },
          },
          fields: FIELDS,
          retain: { type: 'boolean' },
          from: { type: 'integer', minimum: 0 },
        },
      },
    },
  },
} as const;

export function checkMqttMapping(mapping: MqttMapping): MappingProblem[] {
  const problems: MappingProblem[] = [];
  if (mapping.mqtt?.sharedGroup && mapping.mqtt.protocolVersion === 4)
    problems.push({
      pointer: '/mqtt/sharedGroup',
      message: 'shared subscriptions need MQTT 5 (protocolVersion 5)',
    });
  (mapping.inbound ?? []).forEach((route, i) => {
    const problem = filterProblem(route.topic);
    if (problem) problems.push({ pointer: `/inbound/${i}/topic`, message: problem });
    problems.push(...checkFieldSpecs({ ...route.fields }, `/inbound/${i}/fields`));
    problems.push(...checkFieldSpecs({ key: route.key, msgId: route.msgId }, `/inbound/${i}`));
  });
  (mapping.outbound ?? []).forEach((route, i) => {
    if (/[+#]/.test(route.topic))
      problems.push({ pointer: `/outbound/${i}/topic`, message: 'a topic to publish on has no wildcards' });
    problems.push(...checkFieldSpecs({ ...route.fields }, `/outbound/${i}/fields`));
  });
  if ((mapping.inbound ?? []).length === 0 && (mapping.outbound ?? []).length === 0)
    problems.push({ pointer: '', message: 'maps nothing: give inbound or outbound routes' });
  return problems;
}
