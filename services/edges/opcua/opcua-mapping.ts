/**
 * The OPC UA client's mapping file: the server, the security, the subscription's intervals, which
 * nodes make up each equipment's contracted message, and which setpoint fields are written to which
 * SV nodes. Example: services/edges/mappings/opcua.demo.yaml; reference: docs/edges.md#the-opc-ua-client.
 */
import { checkFieldSpecs, FIELD_SPEC_SCHEMA, type FieldSpec } from '../shared/field-spec.js';
import type { MappingProblem } from '../shared/load-mapping.js';

export type NodeField = { node: string };

export interface EquipmentRoute {
  contract: string;
  version: string;
  /** The asset; without it the hub reads it from the payload. */
  key?: string;
  /**
   * Each field: `{node: <NodeId>}` (a monitored value), or a FieldSpec over the equipment's context
   * {values, quality, sourceTimestamp, receivedAt}, e.g. `quality: /quality`.
   */
  fields: Record<string, NodeField | FieldSpec>;
}

export interface SetpointRoute {
  contract: string;
  major: number;
  /** Only events whose data has these values (e.g. {tag: TIC-101}). */
  match?: Record<string, string | number | boolean>;
  /** Data field to the node written with its value, e.g. {temperature: "ns=1;s=Reactor.R101.Temperature.SV"}. */
  write: Record<string, string>;
  /** The OPC UA type written (default Double). */
  dataType?: 'Double' | 'Float' | 'Int32' | 'UInt32' | 'Boolean';
  from?: number;
}

export interface OpcuaMapping {
  edge: string;
  producer: string;
  endpoint: string;
  security?: {
    mode?: 'None' | 'Sign' | 'SignAndEncrypt';
    policy?: 'None' | 'Basic256Sha256' | 'Aes128_Sha256_RsaOaep' | 'Aes256_Sha256_RsaPss';
    /** The client's PKI folder (own certificate, trusted and rejected servers); default <state>/pki. */
    pkiDir?: string;
    /** Trust a server certificate not yet in pki/trusted (default false; true suits a demo). */
    trustUnknownServers?: boolean;
  };
  subscription?: { publishingIntervalMs?: number; samplingIntervalMs?: number; queueSize?: number };
  refusals?: { contract: string; version: string };
  deviceState?: { contract: string; version: string };
  equipment?: EquipmentRoute[];
  setpoints?: SetpointRoute[];
}

const CONTRACT = { type: 'string', pattern: '^[a-z0-9-]+\\.[a-z0-9-]+$' } as const;
const VERSION = { type: 'string', pattern: '^[0-9]+\\.[0-9]+\\.[0-9]+$' } as const;
const NODE_ID = { type: 'string', pattern: '^(ns=[0-9]+;)?[isgb]=.+$' } as const;
const CONTRACT_REF = {
  type: 'object',
  required: ['contract', 'version'],
  additionalProperties: false,
  properties: { contract: CONTRACT, version: VERSION },
} as const;

export const OPCUA_MAPPING_SCHEMA = {
  type: 'object',
  required: ['edge', 'producer', 'endpoint'],
  additionalProperties: false,
  properties: {
    edge: { type: 'string', pattern: '^[A-Za-z0-9_-]+$' },
    producer: { type: 'string', pattern: '^[A-Za-z0-9_-]+$' },
    endpoint: { type: 'string', pattern: '^opc\\.tcp://' },
    security: {
      type: 'object',
      additionalProperties: false,
      properties: {
        mode: { enum: ['None', 'Sign', 'SignAndEncrypt'] },
        policy: { enum: ['None', 'Basic256Sha256', 'Aes128_Sha256_RsaOaep', 'Aes256_Sha256_RsaPss'] },
        pkiDir: { type: 'string', minLength: 1 },
        trustUnknownServers: { type: 'boolean' },
      },
    },
    subscription: {
      type: 'object',
      additionalProperties: false,
      properties: {
        publishingIntervalMs: { type: 'integer', minimum: 10 },
        samplingIntervalMs: { type: 'integer', minimum: 0 },
        queueSize: { type: 'integer', minimum: 1 },
      },
    },
    refusals: CONTRACT_REF,
    deviceState: CONTRACT_REF,
    equipment: {
      type: 'array',
      items: {
        type: 'object',
        required: ['contract', 'version', 'fields'],
        additionalProperties: false,
        properties: {
          contract: CONTRACT,
          version: VERSION,
          key: { type: 'string', pattern: '^[^\\s.*>]+$' },
          fields: {
            type: 'object',
            minProperties: 1,
            additionalProperties: {
              anyOf: [
                {
                  type: 'object',
                  required: ['node'],
                  additionalProperties: false,
                  properties: { node: NODE_ID },
                },
                FIELD_SPEC_SCHEMA,
              ],
            },
          },
        },
      },
    },
    setpoints: {
      type: 'array',
      items: {
        type: 'object',
        required: ['contract', 'major', 'write'],
        additionalProperties: false,
        properties: {
          contract: CONTRACT,
          major: { type: 'integer', minimum: 1 },
          match: { type: 'object', additionalProperties: { type: ['string', 'number', 'boolean'] } },
          write: { type: 'object', minProperties: 1, additionalProperties: NODE_ID },
          dataType: { enum: ['Double', 'Float', 'Int32', 'UInt32', 'Boolean'] },
          from: { type: 'integer', minimum: 0 },
        },
      },
    },
  },
} as const;

export function isNodeField(spec: NodeField | FieldSpec): spec is NodeField {
  return typeof spec === 'object' && spec !== null && 'node' in spec;
}

export function checkOpcuaMapping(mapping: OpcuaMapping): MappingProblem[] {
  const problems: MappingProblem[] = [];
  const mode = mapping.security?.mode ?? 'None';
  const policy = mapping.security?.policy ?? 'None';
  if ((mode === 'None') !== (policy === 'None'))
    problems.push({
      pointer: '/security',
      message: 'mode None goes with policy None, and Sign or SignAndEncrypt with a policy other than None',
    });
  (mapping.equipment ?? []).forEach((route, i) => {
    const specs = Object.fromEntries(
      Object.entries(route.fields).filter(([, s]) => !isNodeField(s)),
    ) as Record<string, FieldSpec>;
    problems.push(...checkFieldSpecs(specs, `/equipment/${i}/fields`));
    if (!Object.values(route.fields).some(isNodeField))
      problems.push({
        pointer: `/equipment/${i}/fields`,
        message: 'monitors no node: give at least one {node}',
      });
  });
  if ((mapping.equipment ?? []).length === 0 && (mapping.setpoints ?? []).length === 0)
    problems.push({ pointer: '', message: 'maps nothing: give equipment or setpoints' });
  return problems;
}
