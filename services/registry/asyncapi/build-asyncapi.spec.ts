import { describe, expect, it } from '@jest/globals';
import { Parser } from '@asyncapi/parser';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadContracts } from '../contracts/load-contracts.js';
import { majorOf } from '../../common/registry-state/index.js';
import { buildAsyncApi } from './build-asyncapi.js';
import type { PublishedContract } from './published-contract.types.js';

const CONTRACTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../contracts');

async function plantContracts(): Promise<PublishedContract[]> {
  const { contracts } = await loadContracts(CONTRACTS);
  return contracts.map((c) => ({
    descriptor: c.descriptor,
    versions: c.versions.map((v) => ({ ...v, major: majorOf(v.version), status: 'active' })),
    consumers: [],
  }));
}

describe('the AsyncAPI document', () => {
  it('is valid AsyncAPI 3.0 for every contract of the demo plant', async () => {
    const document = buildAsyncApi(await plantContracts(), { host: '127.0.0.1:4222' });
    const { diagnostics } = await new Parser().parse(JSON.stringify(document));
    const errors = diagnostics.filter((d) => d.severity === 0);
    expect(errors.map((e) => `${e.path.join('/')}: ${e.message}`)).toEqual([]);
  });

  it('has a publish channel per contract and a data channel per live major', async () => {
    const document = buildAsyncApi(await plantContracts(), { host: '127.0.0.1:4222' }) as {
      channels: Record<string, { address: string }>;
    };
    const addresses = Object.values(document.channels).map((c) => c.address);
    expect(addresses).toContain('dx.publish.scada.reactor-telemetry');
    expect(addresses).toContain('dx.data.scada.reactor-telemetry.v1.{key}');
    expect(addresses).toContain('dx.data.scada.reactor-telemetry.v2.{key}');
  });

  it('describes the review operations of the registry with their replies', async () => {
    const document = buildAsyncApi([], { host: '127.0.0.1:4222' }) as {
      channels: Record<string, { address: string | null }>;
      operations: Record<string, { reply?: unknown }>;
    };
    expect(Object.values(document.channels).map((c) => c.address)).toEqual(
      expect.arrayContaining([
        'dx.registry.review',
        'dx.registry.preview',
        'dx.registry.diff',
        'dx.registry.proposals',
      ]),
    );
    expect(document.operations['registry.review']?.reply).toBeDefined();
    const { diagnostics } = await new Parser().parse(JSON.stringify(document));
    expect(
      diagnostics.filter((d) => d.severity === 0).map((e) => `${e.path.join('/')}: ${e.message}`),
    ).toEqual([]);
  });
});
