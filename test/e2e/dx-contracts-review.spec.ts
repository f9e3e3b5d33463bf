import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Json } from '../support/json.js';
import { REPO_ROOT, runProcess, type ProcessResult } from '../support/run-process.js';
import { startTestRegistry, type TestRegistry } from '../support/test-registry.js';

const TOKENS = { scada: 'scada-e2e', vr: 'vr-e2e', architect: 'architect-e2e' } as const;
const PUMP = 'scada.pump-telemetry';

let registry: TestRegistry;
let registryUrl: string;
let scratch: string;
/** A copy of the contracts folder with pump telemetry 1.1.0 added (a documented optional field). */
let folder: string;
let v110: string;

const dx = (args: string[], who?: keyof typeof TOKENS) =>
  runProcess('bin/dx.js', args, { DX_REGISTRY_URL: registryUrl, DX_TOKEN: who ? TOKENS[who] : '' });

/** `dx` started in another folder than the hub's. */
function dxIn(cwd: string, args: string[]): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin/dx.js'), ...args], {
      cwd,
      env: { ...process.env, DX_REGISTRY_URL: registryUrl },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function pumpSchema(edit: (schema: Json) => void): Json {
  const schema = JSON.parse(
    readFileSync(path.join(REPO_ROOT, 'contracts/scada/pump-telemetry/1.0.0.schema.json'), 'utf8'),
  ) as Json;
  schema.$id = 'urn:dx:contract:scada.pump-telemetry:next';
  edit(schema);
  return schema;
}

beforeAll(async () => {
  registry = await startTestRegistry(TOKENS);
  ({ url: registryUrl, scratch } = registry);
  folder = path.join(scratch, 'contracts');
  cpSync(path.join(REPO_ROOT, 'contracts'), folder, { recursive: true });
  v110 = path.join(folder, 'scada/pump-telemetry/1.1.0.schema.json');
  writeFileSync(
    v110,
    JSON.stringify(
      pumpSchema((s) => {
        s.properties.bearingTemperature = {
          type: 'number',
          description: 'Bearing temperature.',
          'x-unit': 'Cel',
        };
      }),
    ),
  );
  await dx(['contracts', 'push', '--dir', folder], 'scada');
  await dx(['contracts', 'approve', PUMP, '1.0.0', '--comment', 'complete'], 'architect');
  await dx(['contracts', 'consumers', PUMP, '--register', 'vr', '--majors', '1'], 'vr');
});

afterAll(async () => {
  await registry.stop();
});

describe('the review evidence through dx', () => {
  it('lists every contract with its owner, versions and their status, and consumers', async () => {
    const { code, stdout } = await dx(['contracts', 'list']);
    expect(code).toBe(0);
    expect(stdout).toContain(
      `${PUMP} (owner scada, BACKWARD): 1.0.0 active, 1.1.0 proposed; consumers: vr v1`,
    );
  });

  it('shows a proposed version: the diff by pointer, the compatibility report, the docs check and the consumers', async () => {
    const { code, stdout } = await dx(['contracts', 'show', PUMP, '1.1.0']);
    expect(code).toBe(0);
    expect(stdout.split('\n')).toEqual(
      expect.arrayContaining([
        `${PUMP} 1.1.0: proposed, proposed by scada at ${stdout.match(/at (\S+)\n/)![1]}`,
        'diff 1.0.0 -> 1.1.0: 2 difference(s)',
        '  ~ /$id: "urn:dx:contract:scada.pump-telemetry:1.0.0" -> "urn:dx:contract:scada.pump-telemetry:next"',
        '  + /properties/bearingTemperature: {"type":"number","description":"Bearing temperature.","x-unit":"Cel"}',
        'compatibility (BACKWARD, checked against 1.0.0): compatible',
        '  ok       OPTIONAL_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL at /properties/bearingTemperature',
        'documentation: complete',
        'consumers:',
        '  vr reads major 1 (as-is)',
      ]),
    );
  });

  it('compares two versions', async () => {
    const { code, stdout } = await dx(['contracts', 'diff', PUMP, '1.1.0', '1.0.0']);
    expect(code).toBe(0);
    expect(stdout).toContain('  - /properties/bearingTemperature: ');
    expect(stdout).toContain('compatibility (BACKWARD): BREAKS 1.1.0');
    expect(stdout).toContain(
      '  breaking PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL at /properties/bearingTemperature',
    );
  });

  it('prints the compatibility report and docs check of a proposal, and warns that a new major without transforms leaves consumers without data', async () => {
    const file = path.join(scratch, 'pump-2.0.0.json');
    writeFileSync(file, JSON.stringify(pumpSchema((s) => (s.properties.flow['x-unit'] = 'm3/h'))));
    const { code, stdout, stderr } = await dx(['contracts', 'propose', PUMP, '2.0.0', file], 'scada');
    expect(code).toBe(0);
    expect(stdout).toContain('recorded: version-proposed');
    expect(stdout).toContain(
      'compatibility (BACKWARD): not enforced, 2.0.0 opens its major; changes from 1.0.0',
    );
    expect(stdout).toContain('  breaking UNIT_CHANGED at /properties/flow');
    expect(stdout).toContain('documentation: complete');
    expect(stderr).toContain(
      'warning: no 2.down transform: consumers of major 1 (vr) will receive nothing published with major 2',
    );
  });

  it('says a pushed version was rejected, by whom and why, instead of unchanged', async () => {
    await dx(['contracts', 'reject', PUMP, '1.1.0', '--comment', 'name it bearingTemp'], 'architect');
    const { code, stdout, stderr } = await dx(['contracts', 'push', '--dir', folder], 'scada');
    expect(code).toBe(0);
    expect(stdout).toMatch(
      new RegExp(
        `${PUMP} 1\\.1\\.0: rejected \\(rejected by architect\\.petrov at \\S+: name it bearingTemp\\)`,
      ),
    );
    expect(stdout).toContain(`${PUMP} 1.0.0: unchanged (active)`);
    expect(stderr).toContain('1 version(s)');
  });

  it('reports where the folder and the registry disagree', async () => {
    const { stdout } = await dx(['contracts', 'check', '--dir', folder]);
    expect(stdout).toContain(
      `registry: ${PUMP} 1.1.0: rejected in the registry by architect.petrov: name it bearingTemp`,
    );
    expect(stdout).toContain(`registry: ${PUMP} 2.0.0: proposed in the registry but not in the folder`);
    expect(stdout).toContain(
      'registry: vr.scene-state: not in the registry yet (dx contracts push proposes it)',
    );
    expect(stdout).toMatch(/difference\(s\) from the registry\n$/);
  });

  it('says where it looked when run from another folder than the hub', async () => {
    const elsewhere = mkdtempSync(path.join(scratch, 'elsewhere-'));
    const { code, stderr } = await dxIn(elsewhere, ['contracts', 'check', '--offline']);
    expect(code).toBe(2);
    expect(stderr.trim()).toBe(
      `error: no contracts folder at ${path.join(elsewhere, 'contracts')}: run dx in the hub's folder ` +
        '(the one holding contracts/), or name the folder with --dir',
    );
  });
});
