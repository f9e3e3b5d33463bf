import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Json } from '../support/json.js';
import { REPO_ROOT, runProcess } from '../support/run-process.js';
import { startTestRegistry, type TestRegistry } from '../support/test-registry.js';

const TOKENS = { scada: 'scada-e2e', vr: 'vr-e2e', architect: 'architect-e2e' } as const;

let registry: TestRegistry;
let registryUrl: string;
let scratch: string;

const dx = (args: string[], who?: keyof typeof TOKENS) =>
  runProcess('bin/dx.js', args, {
    DX_REGISTRY_URL: registryUrl,
    DX_TOKEN: who ? TOKENS[who] : '',
  });

beforeAll(async () => {
  registry = await startTestRegistry(TOKENS);
  ({ url: registryUrl, scratch } = registry);
});

afterAll(async () => {
  await registry.stop();
});

/** A copy of the repository's contracts folder that a test may break. */
function contractsCopy(): string {
  const dir = mkdtempSync(path.join(scratch, 'contracts-'));
  cpSync(path.join(REPO_ROOT, 'contracts'), dir, { recursive: true });
  return dir;
}

function editJson(file: string, edit: (json: Json) => void): void {
  const json = JSON.parse(readFileSync(file, 'utf8')) as Json;
  edit(json);
  writeFileSync(file, JSON.stringify(json));
}

describe('dx contracts check', () => {
  it('finds no problem in the demo plant contracts', async () => {
    const { code, stdout } = await dx(['contracts', 'check', '--offline']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/checked 16 contracts, 20 versions: no problems/);
  });

  it('reports every problem of a broken folder, one line each, and exits 1', async () => {
    const dir = contractsCopy();
    editJson(path.join(dir, 'scada/alarms/contract.json'), (d) => delete d.owner);
    editJson(path.join(dir, 'vr/scene-state/contract.json'), (d) => (d.id = 'VR.Scene'));
    editJson(path.join(dir, 'scada/pump-telemetry/1.0.0.schema.json'), (s) => {
      s.properties.flow = { $ref: '#/$defs/nowhere', description: 'Flow.' };
    });
    editJson(
      path.join(dir, 'scada/exchanger-telemetry/1.0.0.schema.json'),
      (s) => delete s.properties.duty.description,
    );
    const v11 = path.join(dir, 'scada/reactor-telemetry/1.1.0.schema.json');
    editJson(v11, (s) => (s.properties.temperature['x-unit'] = 'K'));
    writeFileSync(path.join(dir, 'sim/results/1.0.0.schema.json'), '{ not json');

    const { code, stdout } = await dx(['contracts', 'check', '--offline', '--dir', dir]);
    expect(code).toBe(1);
    const lines = stdout.trim().split('\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^scada\/alarms\/contract\.json#\/owner: OWNER_MISSING: /),
        expect.stringMatching(/^vr\/scene-state\/contract\.json#\/id: CONTRACT_ID_INVALID: /),
        expect.stringMatching(/^scada\/pump-telemetry\/1\.0\.0\.schema\.json: SCHEMA_INVALID: .*nowhere/),
        expect.stringMatching(
          /^scada\/exchanger-telemetry\/1\.0\.0\.schema\.json#\/properties\/duty: DOCUMENTATION_INCOMPLETE: /,
        ),
        expect.stringMatching(
          /^scada\/reactor-telemetry\/1\.1\.0\.schema\.json: COMPATIBILITY_BROKEN: .*UNIT_CHANGED/,
        ),
        expect.stringMatching(/^sim\/results\/1\.0\.0\.schema\.json: JSON_INVALID: /),
      ]),
    );
    expect(lines.at(-1)).toMatch(/6 problem\(s\)$/);
  });
});

describe('the contract lifecycle through dx', () => {
  it("pushes the caller's own contracts as proposals, and a second push changes nothing", async () => {
    const first = await dx(['contracts', 'push'], 'scada');
    const second = await dx(['contracts', 'push'], 'scada');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('scada.reactor-telemetry 2.0.0: proposed');
    expect(first.stdout).toContain('vr.scene-state: skipped (owned by vr)');
    expect(second.stdout).not.toMatch(/: proposed$/m);
    expect(second.stdout).toContain('scada.reactor-telemetry 2.0.0: unchanged (proposed)');
  });

  it('lets an architect approve, and refuses a subsystem with one line and exit 1', async () => {
    const refused = await dx(['contracts', 'approve', 'scada.alarms', '1.0.0'], 'scada');
    const approved = await dx(
      ['contracts', 'approve', 'scada.alarms', '1.0.0', '--comment', 'ok'],
      'architect',
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^error: FORBIDDEN: only an architect/),
    ]);
    expect(approved.code).toBe(0);
    expect(approved.stdout).toContain('recorded: version-approved, version-activated');
  });

  it('refuses a bad version, an unknown contract and an unknown version, storing nothing', async () => {
    const schema = path.join(REPO_ROOT, 'contracts/scada/alarms/1.0.0.schema.json');
    const badVersion = await dx(['contracts', 'propose', 'scada.alarms', '1.x', schema], 'scada');
    const unknownContract = await dx(['contracts', 'propose', 'scada.unknown', '1.0.0', schema], 'scada');
    const unknownVersion = await dx(['contracts', 'approve', 'scada.alarms', '9.9.9'], 'architect');
    expect([badVersion.code, unknownContract.code, unknownVersion.code]).toEqual([1, 1, 1]);
    expect(badVersion.stderr).toContain('VERSION_INVALID');
    expect(unknownContract.stderr).toContain('CONTRACT_NOT_FOUND');
    expect(unknownVersion.stderr).toContain('VERSION_NOT_FOUND');
    const view = (await (await fetch(`${registryUrl}/api/v1/contracts/scada.alarms`)).json()) as {
      versions: unknown[];
    };
    expect(view.versions).toHaveLength(1);
  });

  it('answers can-retire with the consumers that still read a major, and refuses the retirement', async () => {
    await dx(['contracts', 'consumers', 'scada.alarms', '--register', 'vr', '--majors', '1'], 'vr');
    await dx(['contracts', 'deprecate', 'scada.alarms', '1.0.0', '--sunset', '2027-06-01'], 'scada');
    const canRetire = await dx(['contracts', 'can-retire', 'scada.alarms', '1']);
    const retire = await dx(['contracts', 'retire', 'scada.alarms', '1.0.0'], 'scada');
    expect(canRetire.code).toBe(1);
    expect(canRetire.stdout).toBe(
      'no\n  consumer vr is registered for major 1\n  no newer major is live: producers would have nothing to publish on\n',
    );
    expect(retire.code).toBe(1);
    expect(retire.stderr).toContain('CONSUMERS_STILL_DEPEND');
    expect(retire.stderr).toContain('consumers: vr');
  });

  it('writes the AsyncAPI document and the HTML reference of the live versions', async () => {
    const out = path.join(scratch, 'site');
    const { code } = await dx(['contracts', 'docs', '--out', out]);
    expect(code).toBe(0);
    const asyncapi = JSON.parse(readFileSync(path.join(out, 'asyncapi.json'), 'utf8')) as {
      asyncapi: string;
      channels: object;
    };
    expect(asyncapi.asyncapi).toBe('3.0.0');
    expect(Object.keys(asyncapi.channels)).toContain('publish.scada.alarms');
    expect(existsSync(path.join(out, 'index.html'))).toBe(true);
    expect(readFileSync(path.join(out, 'index.html'), 'utf8')).toContain('superheated-refrigerant');
  });

  it('finds a published version whose file was changed afterwards, asking the registry', async () => {
    const dir = contractsCopy();
    editJson(path.join(dir, 'scada/alarms/1.0.0.schema.json'), (s) => (s.properties.message.maxLength = 80));
    const { code, stdout } = await dx(['contracts', 'check', '--dir', dir]);
    expect(code).toBe(1);
    expect(stdout).toContain(
      'scada/alarms/1.0.0.schema.json: CONTRACT_VERSION_IMMUTABLE: scada.alarms 1.0.0 is published',
    );
  });

  it('exits 3 with one line when the registry cannot be reached', async () => {
    const { code, stderr } = await runProcess('bin/dx.js', ['contracts', 'can-retire', 'scada.alarms', '1'], {
      DX_REGISTRY_URL: 'http://127.0.0.1:1',
    });
    expect(code).toBe(3);
    expect(stderr.trim().split('\n')).toEqual([
      expect.stringContaining('cannot reach the registry at http://127.0.0.1:1'),
    ]);
  });
});
