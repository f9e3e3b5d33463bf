import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { INestApplication } from '@nestjs/common';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Json } from '../../../test/support/json.js';
import type { TestNats } from '../../../test/support/test-nats.js';
import { startTestRegistry, type TestRegistry } from '../../../test/support/test-registry.js';
import { SUBJECTS } from '../../common/nats/subjects.js';
import type { ContractSource } from '../contracts/contract.types.js';
import { loadContracts } from '../contracts/load-contracts.js';

const CONTRACTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../contracts');
const TOKENS = { scada: 'scada-secret', vr: 'vr-secret', architect: 'architect-secret' } as const;
const PUMP = 'scada.pump-telemetry';

let registry: TestRegistry;
let bus: TestNats;
let app: INestApplication;
let base: string;
let nats: NatsConnection;
let pump: ContractSource;

async function call(method: string, route: string, who: keyof typeof TOKENS | null, body?: unknown) {
  const response = await fetch(`${base}/api/v1${route}`, {
    method,
    headers: {
      ...(who ? { authorization: `Bearer ${TOKENS[who]}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Json };
}

/** Pump telemetry 1.0.0 with a documented, optional `temperature` added. */
function withTemperature(): Json {
  const schema = structuredClone(pump.versions[0]!.schema) as Json;
  schema.properties.temperature = { type: 'number', description: 'Bearing temperature.', 'x-unit': 'Cel' };
  return schema;
}

beforeAll(async () => {
  registry = await startTestRegistry(TOKENS);
  ({ bus, app, url: base } = registry);
  nats = await connect({ servers: bus.url });
  pump = (await loadContracts(CONTRACTS)).contracts.find((c) => c.descriptor.id === PUMP)!;
  await call('POST', '/contracts', 'scada', { contracts: [pump] });
  await call('POST', `/contracts/${PUMP}/versions/1.0.0/approve`, 'architect', { comment: 'complete' });
  await call('PUT', `/contracts/${PUMP}/consumers/vr`, 'vr', { majors: [1] });
});

afterAll(async () => {
  await nats.close();
  await registry.stop();
});

describe('the review evidence over HTTP', () => {
  it('answers a proposal with the evidence its reviewers will see', async () => {
    const proposed = await call('POST', `/contracts/${PUMP}/versions`, 'scada', {
      version: '1.1.0',
      schema: withTemperature(),
      comment: 'bearing temperature',
    });
    expect(proposed.status).toBe(201);
    expect(proposed.body.review.version).toMatchObject({
      version: '1.1.0',
      status: 'proposed',
      proposedBy: 'scada',
      comment: 'bearing temperature',
    });
    expect(proposed.body.review.compatibility).toMatchObject({ enforced: true, compatible: true });
  });

  it('lists the proposals waiting for review', async () => {
    const { body } = await call('GET', '/proposals', null);
    expect(body).toEqual([
      expect.objectContaining({ contract: PUMP, version: '1.1.0', proposedBy: 'scada', owner: 'scada' }),
    ]);
  });

  it('shows a proposed version: diff by pointer, each change with its verdict, docs, transforms, consumers', async () => {
    const { status, body } = await call('GET', `/contracts/${PUMP}/versions/1.1.0/review`, null);
    expect(status).toBe(200);
    expect(body.previous).toEqual({ version: '1.0.0', status: 'active' });
    expect(body.diff.before).toEqual(pump.versions[0]!.schema);
    expect(body.diff.entries).toEqual([
      {
        pointer: '/properties/temperature',
        op: 'added',
        after: { type: 'number', description: 'Bearing temperature.', 'x-unit': 'Cel' },
      },
    ]);
    expect(body.compatibility.changes).toEqual([
      {
        type: 'OPTIONAL_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL',
        pointer: '/properties/temperature',
        breaking: false,
      },
    ]);
    expect(body.documentation).toEqual({ complete: true, gaps: [] });
    expect(body.consumers).toEqual([{ consumer: 'vr', majors: [1], receives: [{ major: 1, how: 'as-is' }] }]);
  });

  it('previews a new major without transforms and warns that the consumers of major 1 would receive nothing', async () => {
    const schema = withTemperature();
    schema.required = [...schema.required, 'temperature'];
    const { status, body } = await call('POST', `/contracts/${PUMP}/review`, null, {
      version: '2.0.0',
      schema,
    });
    expect(status).toBe(200);
    expect(body.version.status).toBe('candidate');
    expect(body.compatibility.enforced).toBe(false);
    expect(body.compatibility.changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ pointer: '/properties/temperature', breaking: true }),
      ]),
    );
    expect(body.transforms.warnings).toEqual([
      'no 2.down transform: consumers of major 1 (vr) will receive nothing published with major 2',
      'no 2.up transform: readers of major 2 will receive nothing still published with major 1',
    ]);
    expect(body.consumers).toEqual([
      { consumer: 'vr', majors: [1], receives: [{ major: 1, how: 'nothing' }] },
    ]);
    const contract = await call('GET', `/contracts/${PUMP}`, null);
    expect(contract.body.versions.map((v: Json) => v.version)).toEqual(['1.0.0', '1.1.0']);
  });

  it('compares any two versions', async () => {
    const { body } = await call('GET', `/contracts/${PUMP}/diff?from=1.1.0&to=1.0.0`, null);
    expect(body.diff.entries).toEqual([
      expect.objectContaining({ pointer: '/properties/temperature', op: 'removed' }),
    ]);
    expect(body.compatibility).toMatchObject({ enforced: true, against: '1.1.0' });
  });

  it('refuses a diff without both versions, and a review of a version that does not exist', async () => {
    const missing = await call('GET', `/contracts/${PUMP}/diff?from=1.0.0`, null);
    expect(missing).toMatchObject({
      status: 422,
      body: { error: { code: 'BAD_ARGUMENT', details: { pointer: '/to' } } },
    });
    const unknown = await call('GET', `/contracts/${PUMP}/versions/7.0.0/review`, null);
    expect(unknown).toMatchObject({ status: 404, body: { error: { code: 'VERSION_NOT_FOUND' } } });
  });

  it('tells a push of a rejected version apart from an unchanged one', async () => {
    await call('POST', `/contracts/${PUMP}/versions/1.1.0/reject`, 'architect', {
      comment: 'name it bearingTemperature',
    });
    const pushed = await call('POST', '/contracts', 'scada', {
      contracts: [{ ...pump, versions: [...pump.versions, { version: '1.1.0', schema: withTemperature() }] }],
    });
    expect(pushed.body.steps).toEqual([
      { contract: PUMP, outcome: 'unchanged' },
      { contract: PUMP, version: '1.0.0', outcome: 'unchanged', status: 'active' },
      {
        contract: PUMP,
        version: '1.1.0',
        outcome: 'rejected',
        status: 'rejected',
        reason: expect.stringMatching(/^rejected by architect\.petrov at .+: name it bearingTemperature$/),
      },
    ]);
  });
});

describe('the review evidence over NATS', () => {
  const request = async (operation: string, body: unknown) =>
    (await nats.request(SUBJECTS.registry(operation), JSON.stringify(body), { timeout: 5000 })).json<Json>();

  it('answers review, diff and proposals as the HTTP API does', async () => {
    const http = await call('GET', `/contracts/${PUMP}/versions/1.1.0/review`, null);
    const review = await request('review', { contract: PUMP, version: '1.1.0' });
    expect(review).toEqual({ ok: true, result: http.body });
    const diff = await request('diff', { contract: PUMP, from: '1.0.0', to: '1.1.0' });
    expect(diff.result.diff.entries).toHaveLength(1);
    expect(await request('proposals', {})).toEqual({ ok: true, result: [] });
  });

  it('previews a schema, and refuses one that is not a schema', async () => {
    const preview = await request('preview', { contract: PUMP, version: '1.2.0', schema: withTemperature() });
    expect(preview.result.compatibility).toMatchObject({
      enforced: true,
      compatible: true,
      checked: ['1.0.0'],
    });
    const refused = await request('preview', { contract: PUMP, version: '1.2.0', schema: [1] });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'BAD_ARGUMENT', details: { pointer: '/schema' } },
    });
  });
});

describe('the registry describing itself', () => {
  it('lists every route it serves in its OpenAPI document, the review evidence with its schema', async () => {
    const express = app.getHttpAdapter().getInstance() as {
      router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] };
    };
    const served = express.router.stack
      .flatMap((layer) =>
        layer.route
          ? Object.keys(layer.route.methods).map(
              (method) => `${method} ${layer.route!.path.replace(/:(\w+)/g, '{$1}')}`,
            )
          : [],
      )
      .sort();
    const { status, body } = await call('GET', '/openapi.json', null);
    expect(status).toBe(200);
    expect(body.openapi).toBe('3.1.0');
    const documented = Object.entries(body.paths as Record<string, Record<string, unknown>>)
      .flatMap(([route, operations]) => Object.keys(operations).map((method) => `${method} ${route}`))
      .sort();
    expect(served.length).toBeGreaterThan(15);
    expect(documented).toEqual(served);
    expect(body.paths['/api/v1/contracts/{id}/versions/{version}/review'].get.responses['200']).toMatchObject(
      {
        content: { 'application/json': { schema: { $ref: '#/components/schemas/ReviewEvidence' } } },
      },
    );
    const page = await fetch(`${base}/api/v1/docs`);
    expect(await page.text()).toContain('<code>/api/v1/contracts/{id}/versions/{version}/review</code>');
  });
});
