/**
 * The registry's own request/reply operations in the AsyncAPI document: the review evidence over NATS
 * (dx.registry.review, preview, diff, proposals), with their requests and replies, so a client of the
 * hub finds them where it finds the contracts' channels. The other dx.registry.* operations mirror
 * the HTTP API (GET /api/v1/openapi.json).
 */
import { COMPATIBILITY_REPORT, REVIEW_EVIDENCE, SCHEMA_DIFF } from '../review/review-json-schemas.js';

const SCHEMA_FORMAT = 'application/schema+json;version=draft-07';
const contract = { type: 'string', description: 'Contract id, <domain>.<name>.' };
const version = { type: 'string', description: 'A semantic version.' };

const OPERATIONS: {
  name: string;
  summary: string;
  request: Record<string, unknown>;
  result: Record<string, unknown>;
}[] = [
  {
    name: 'review',
    summary: 'The review evidence of a recorded version',
    request: { type: 'object', required: ['contract', 'version'], properties: { contract, version } },
    result: REVIEW_EVIDENCE,
  },
  {
    name: 'preview',
    summary: 'The review evidence of a schema not proposed yet (records nothing)',
    request: {
      type: 'object',
      required: ['contract', 'version', 'schema'],
      properties: {
        contract,
        version,
        schema: { description: 'The JSON Schema to review.' },
        transforms: { type: 'object', properties: { up: { type: 'string' }, down: { type: 'string' } } },
      },
    },
    result: REVIEW_EVIDENCE,
  },
  {
    name: 'diff',
    summary: 'Two recorded versions compared',
    request: {
      type: 'object',
      required: ['contract', 'from', 'to'],
      properties: { contract, from: version, to: version },
    },
    result: {
      type: 'object',
      properties: { contract, diff: SCHEMA_DIFF, compatibility: COMPATIBILITY_REPORT },
    },
  },
  {
    name: 'proposals',
    summary: 'The versions waiting for review, oldest first',
    request: { type: 'object' },
    result: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          contract,
          owner: { type: 'string' },
          version,
          proposedBy: { type: 'string' },
          proposedAt: { type: 'string', format: 'date-time' },
          comment: { type: 'string' },
        },
      },
    },
  },
];

export interface RegistryChannels {
  channels: Record<string, unknown>;
  operations: Record<string, unknown>;
  messages: Record<string, unknown>;
}

export function registryChannels(): RegistryChannels {
  const channels: Record<string, unknown> = {
    'registry.reply': {
      address: null,
      title: 'Registry replies',
      description:
        "The requester's inbox: {ok: true, result} or {ok: false, error: {code, message, details}}.",
      messages: Object.fromEntries(
        OPERATIONS.map(({ name }) => [
          `${name}.reply`,
          { $ref: `#/components/messages/registry.${name}.reply` },
        ]),
      ),
    },
  };
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};
  for (const { name, summary, request, result } of OPERATIONS) {
    channels[`registry.${name}`] = {
      address: `dx.registry.${name}`,
      title: `Registry: ${name}`,
      description: `${summary}. Instances answer in the queue group dx-registry; no token needed.`,
      messages: { request: { $ref: `#/components/messages/registry.${name}.request` } },
    };
    operations[`registry.${name}`] = {
      action: 'send',
      channel: { $ref: `#/channels/registry.${name}` },
      summary,
      messages: [{ $ref: `#/channels/registry.${name}/messages/request` }],
      reply: {
        channel: { $ref: '#/channels/registry.reply' },
        messages: [{ $ref: `#/channels/registry.reply/messages/${name}.reply` }],
      },
    };
    messages[`registry.${name}.request`] = {
      name: `registry ${name} request`,
      contentType: 'application/json',
      payload: { schemaFormat: SCHEMA_FORMAT, schema: request },
    };
    messages[`registry.${name}.reply`] = {
      name: `registry ${name} reply`,
      contentType: 'application/json',
      payload: {
        schemaFormat: SCHEMA_FORMAT,
        schema: {
          type: 'object',
          required: ['ok'],
          properties: {
            ok: { type: 'boolean' },
            result,
            error: {
              type: 'object',
              properties: {
                code: { type: 'string' },
                message: { type: 'string' },
                details: { type: 'object' },
              },
            },
          },
        },
      },
    };
  }
  return { channels, operations, messages };
}
