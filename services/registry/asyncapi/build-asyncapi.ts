/**
 * The AsyncAPI 3.0 document of every live contract version: for each contract its publish channel
 * (request/reply, `dx.publish.<id>`) and, per live major, its data channel
 * (`dx.data.<id>.v<major>.{key}`) carrying the event envelope; and the registry's review operations
 * (`dx.registry.review`, ...: registry-channels.ts).
 */
import { isSchemaObject, type JsonSchema } from '../../common/schemas/json-schema.types.js';
import type { PublishedContract, PublishedVersion } from './published-contract.types.js';
import { registryChannels } from './registry-channels.js';

const SCHEMA_FORMAT = 'application/schema+json;version=draft-07';

export interface AsyncApiServer {
  host: string;
}

export function buildAsyncApi(
  contracts: PublishedContract[],
  server: AsyncApiServer,
): Record<string, unknown> {
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};
  for (const contract of contracts) {
    const { id, title, description, owner } = contract.descriptor;
    if (contract.versions.length === 0) continue;
    const publishChannel = `publish.${id}`;
    const versionRefs: Record<string, unknown> = {};
    for (const version of contract.versions) {
      const name = messageName(id, version.version);
      messages[name] = publishMessage(contract, version);
      messages[`${name}.envelope`] = envelopeMessage(contract, version);
      versionRefs[`v${version.version}`] = { $ref: `#/components/messages/${name}` };
    }
    channels[publishChannel] = {
      address: `dx.publish.${id}`,
      title: `Publish ${title}`,
      description: `${description}\n\nOnly ${owner} may publish here. Request/reply: the hub answers with the stored positions or a structured refusal.`,
      messages: versionRefs,
    };
    operations[`publish.${id}`] = {
      action: 'send',
      channel: { $ref: `#/channels/${publishChannel}` },
      summary: `${owner} publishes ${title}`,
      messages: Object.keys(versionRefs).map((k) => ({ $ref: `#/channels/${publishChannel}/messages/${k}` })),
    };
    for (const major of [...new Set(contract.versions.map((v) => v.major))]) {
      const dataChannel = `data.${id}.v${major}`;
      const envelopeRefs: Record<string, unknown> = {};
      for (const version of contract.versions.filter((v) => v.major === major)) {
        envelopeRefs[`v${version.version}`] = {
          $ref: `#/components/messages/${messageName(id, version.version)}.envelope`,
        };
      }
      channels[dataChannel] = {
        address: `dx.data.${id}.v${major}.{key}`,
        title: `${title}, major ${major}`,
        description: `Every stored event of ${id}, delivered as data of major ${major}.`,
        parameters: { key: { description: keyDescription(contract) } },
        messages: envelopeRefs,
      };
      operations[`receive.${id}.v${major}`] = {
        action: 'receive',
        channel: { $ref: `#/channels/${dataChannel}` },
        summary: `Consumers of ${id} major ${major} receive its events`,
        messages: Object.keys(envelopeRefs).map((k) => ({ $ref: `#/channels/${dataChannel}/messages/${k}` })),
      };
    }
  }
  const registry = registryChannels();
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'DX Hub',
      version: '1.0.0',
      description:
        'Contracted data of the digital twin: what each subsystem publishes and what consumers receive.',
    },
    defaultContentType: 'application/json',
    servers: { hub: { host: server.host, protocol: 'nats', description: "The hub's NATS" } },
    channels: { ...channels, ...registry.channels },
    operations: { ...operations, ...registry.operations },
    components: { messages: { ...messages, ...registry.messages } },
  };
}

function publishMessage(contract: PublishedContract, version: PublishedVersion): Record<string, unknown> {
  const schema = embeddable(version.schema);
  return {
    name: `${contract.descriptor.id} ${version.version}`,
    title: `${titleOf(version.schema, contract.descriptor.title)} ${version.version}`,
    summary: `${descriptionOf(version.schema, contract.descriptor.description)}${statusNote(version)}`,
    contentType: 'application/json',
    headers: {
      schemaFormat: SCHEMA_FORMAT,
      schema: {
        type: 'object',
        required: ['dx-producer', 'dx-version', 'dx-msg-id'],
        properties: {
          'dx-producer': { type: 'string', description: 'The publishing subsystem (must be the owner).' },
          'dx-version': {
            type: 'string',
            const: version.version,
            description: 'Full version the payload follows.',
          },
          'dx-msg-id': { type: 'string', description: 'Idempotency id: a repeat is stored once.' },
          'dx-key': { type: 'string', description: 'The asset; taken from the payload when absent.' },
          'dx-expected-position': {
            type: 'string',
            description: 'Optimistic concurrency: the stream position expected.',
          },
        },
      },
    },
    payload: { schemaFormat: SCHEMA_FORMAT, schema },
    examples: examplesOf(version.schema).map((payload, i) => ({ name: `example-${i + 1}`, payload })),
  };
}

function envelopeMessage(contract: PublishedContract, version: PublishedVersion): Record<string, unknown> {
  return {
    name: `${contract.descriptor.id} ${version.version} event`,
    title: `${titleOf(version.schema, contract.descriptor.title)} ${version.version} event`,
    summary: `A stored event of ${contract.descriptor.id} ${version.version} as the hub delivers it.`,
    contentType: 'application/json',
    payload: {
      schemaFormat: SCHEMA_FORMAT,
      schema: {
        type: 'object',
        required: [
          'position',
          'streamPosition',
          'contract',
          'version',
          'key',
          'producer',
          'recordedAt',
          'data',
        ],
        properties: {
          position: { type: 'integer', description: 'Global position in the log.' },
          streamPosition: { type: 'integer', description: 'Position in the stream (contract, key), from 1.' },
          contract: { type: 'string', const: contract.descriptor.id, description: 'Contract id.' },
          version: { type: 'string', description: 'Version the data follows.' },
          key: { type: 'string', description: keyDescription(contract) },
          producer: { type: 'string', description: 'Publishing subsystem.' },
          msgId: { type: 'string', description: "The producer's message id." },
          recordedAt: { type: 'string', format: 'date-time', description: 'When the hub stored it.' },
          hash: { type: 'string', description: 'Hash chaining the event in its stream.' },
          data: embeddable(version.schema),
        },
      },
    },
  };
}

/** A contract schema inside another document: its own $schema and $id would re-root it. */
function embeddable(schema: JsonSchema): JsonSchema {
  if (!isSchemaObject(schema)) return schema;
  const { $schema: _schema, $id: _id, ...rest } = schema;
  return rest;
}

function messageName(id: string, version: string): string {
  return `${id}.${version}`;
}

function keyDescription(contract: PublishedContract): string {
  const pointer = contract.descriptor.key;
  return pointer ? `The asset: the payload's ${pointer}.` : 'Always _ (the contract has no key).';
}

function statusNote(version: PublishedVersion): string {
  return version.status === 'deprecated'
    ? ` Deprecated${version.sunset ? `, sunset ${version.sunset}` : ''}.`
    : '';
}

function titleOf(schema: JsonSchema, fallback: string): string {
  return isSchemaObject(schema) && typeof schema.title === 'string' ? schema.title : fallback;
}

function descriptionOf(schema: JsonSchema, fallback: string): string {
  return isSchemaObject(schema) && typeof schema.description === 'string' ? schema.description : fallback;
}

function examplesOf(schema: JsonSchema): unknown[] {
  return isSchemaObject(schema) && Array.isArray(schema.examples) ? schema.examples : [];
}
