/**
 * The Sparkplug B host's mapping file: the host id (its STATE topic), the groups it follows, and which
 * edge nodes' and devices' metrics become which contract. Example:
 * services/edges/mappings/sparkplug.demo.yaml; reference: docs/edges.md#sparkplug-b.
 */
import { checkFieldSpecs, FIELD_SPEC_SCHEMA, type FieldSpec } from '../shared/field-spec.js';
import type { MappingProblem } from '../shared/load-mapping.js';

export interface SparkplugRoute {
  /** Which messages: the edge node's own metrics (NBIRTH/NDATA) or a device's (DBIRTH/DDATA). */
  scope?: 'node' | 'device';
  group?: string;
  node?: string;
  /** A device id, or a prefix ending in `*` (e.g. `R*`). */
  device?: string;
  contract: string;
  version: string;
  /** Over {group, node, device, metrics, timestamp, quality, seq, receivedAt}. */
  fields: Record<string, FieldSpec>;
  key?: FieldSpec;
}

export interface SparkplugMapping {
  edge: string;
  producer: string;
  /** The Sparkplug host id: STATE is published on spBv1.0/STATE/<hostId>. */
  hostId: string;
  /** Groups to follow (default: all). */
  groups?: string[];
  mqtt?: { clientId?: string; sessionExpirySeconds?: number };
  refusals?: { contract: string; version: string };
  deviceState?: { contract: string; version: string };
  /** Least time between two rebirth requests to one edge node (default 5000 ms). */
  rebirthIntervalMs?: number;
  routes: SparkplugRoute[];
}

const ID = { type: 'string', pattern: '^[A-Za-z0-9_-]+$' } as const;
const SPARKPLUG_ID = { type: 'string', pattern: '^[^/+#]+$' } as const;
const CONTRACT_REF = {
  type: 'object',
  required: ['contract', 'version'],
  additionalProperties: false,
  properties: {
    contract: { type: 'string', pattern: '^[a-z0-9-]+\\.[a-z0-9-]+$' },
    version: { type: 'string', pattern: '^[0-9]+\\.[0-9]+\\.[0-9]+$' },
  },
} as const;

export const SPARKPLUG_MAPPING_SCHEMA = {
  type: 'object',
  required: ['edge', 'producer', 'hostId', 'routes'],
  additionalProperties: false,
  properties: {
    edge: ID,
    producer: ID,
    hostId: SPARKPLUG_ID,
    groups: { type: 'array', items: SPARKPLUG_ID, minItems: 1 },
    mqtt: {
      type: 'object',
      additionalProperties: false,
      properties: {
        clientId: { type: 'string', minLength: 1, maxLength: 23 },
        sessionExpirySeconds: { type: 'integer', minimum: 0 },
      },
    },
    refusals: CONTRACT_REF,
    deviceState: CONTRACT_REF,
    rebirthIntervalMs: { type: 'integer', minimum: 0 },
    routes: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['contract', 'version', 'fields'],
        additionalProperties: false,
        properties: {
          scope: { enum: ['node', 'device'] },
          group: SPARKPLUG_ID,
          node: SPARKPLUG_ID,
          device: SPARKPLUG_ID,
          contract: CONTRACT_REF.properties.contract,
          version: CONTRACT_REF.properties.version,
          fields: { type: 'object', additionalProperties: FIELD_SPEC_SCHEMA, minProperties: 1 },
          key: FIELD_SPEC_SCHEMA,
        },
      },
    },
  },
} as const;

export function checkSparkplugMapping(mapping: SparkplugMapping): MappingProblem[] {
  return mapping.routes.flatMap((route, i) => [
    ...(route.scope === 'node' && route.device !== undefined
      ? [{ pointer: `/routes/${i}/device`, message: 'a node-scope route has no device' }]
      : []),
    ...checkFieldSpecs(route.fields, `/routes/${i}/fields`),
    ...checkFieldSpecs({ key: route.key }, `/routes/${i}`),
  ]);
}

/** Whether a route takes the metrics of this node or device. */
export function routeMatches(
  route: SparkplugRoute,
  group: string,
  node: string,
  device: string | undefined,
): boolean {
  if ((route.scope ?? 'device') === 'node' ? device !== undefined : device === undefined) return false;
  if (route.group !== undefined && route.group !== group) return false;
  if (route.node !== undefined && route.node !== node) return false;
  if (route.device === undefined || device === undefined) return true;
  return route.device.endsWith('*') ? device.startsWith(route.device.slice(0, -1)) : route.device === device;
}
