import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { runProcess } from '../support/run-process.js';

let dir: string;

const dx = (args: string[]) => runProcess('bin/dx.js', ['contracts', 'compat', ...args]);
const file = (name: string) => path.join(dir, name);
const lines = (text: string) => text.trim().split('\n');

const reading = (temperature: object) => ({
  type: 'object',
  additionalProperties: false,
  required: ['tag'],
  properties: { tag: { type: 'string' }, temperature: { type: 'number', 'x-unit': 'Cel', ...temperature } },
});

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'dx-compat-'));
  const files: Record<string, string> = {
    'v1.json': JSON.stringify(reading({ maximum: 600 })),
    'v2-raised.json': JSON.stringify(reading({ maximum: 650 })),
    'v2-lowered.json': JSON.stringify(reading({ maximum: 550 })),
    'open-v1.json': JSON.stringify({ type: 'object', properties: { tag: { type: 'string' } } }),
    'open-v2.json': JSON.stringify({
      type: 'object',
      properties: { tag: { type: 'string' }, flow: { type: 'number' } },
    }),
    'broken.json': '{"type": "object",',
    'not-a-schema.json': '42',
  };
  for (const [name, text] of Object.entries(files)) await writeFile(file(name), text);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('dx contracts compat OLD NEW', () => {
  it('prints one JSON line and exits 0 when the new schema raises a maximum', async () => {
    const { code, stdout } = await dx([file('v1.json'), file('v2-raised.json')]);
    expect(code).toBe(0);
    expect(lines(stdout)).toHaveLength(1);
    expect(JSON.parse(stdout)).toEqual({
      compatible: true,
      changes: [{ type: 'MAXIMUM_INCREASED', path: '#/properties/temperature/maximum', breaking: false }],
    });
  });

  it('exits 1 and marks the change breaking when the new schema lowers a maximum', async () => {
    const { code, stdout } = await dx([file('v1.json'), file('v2-lowered.json')]);
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toEqual({
      compatible: false,
      changes: [{ type: 'MAXIMUM_DECREASED', path: '#/properties/temperature/maximum', breaking: true }],
    });
  });

  it('checks the direction --mode asks for', async () => {
    expect((await dx([file('v1.json'), file('v2-lowered.json'), '--mode', 'FORWARD'])).code).toBe(0);
    expect((await dx([file('v1.json'), file('v2-raised.json'), '--mode', 'FULL'])).code).toBe(1);
    expect((await dx([file('v1.json'), file('v2-lowered.json'), '--mode', 'none'])).code).toBe(0);
  });

  it('accepts a property added to an open model only with --lenient', async () => {
    expect((await dx([file('open-v1.json'), file('open-v2.json')])).code).toBe(1);
    const { code, stdout } = await dx([file('open-v1.json'), file('open-v2.json'), '--lenient']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      compatible: true,
      changes: [{ type: 'PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL', path: '#/properties/flow', breaking: false }],
    });
  });

  it.each([
    ['a file that does not exist', ['missing.json', 'v1.json'], 'cannot read'],
    ['a file that is not JSON', ['broken.json', 'v1.json'], 'not valid JSON'],
    ['a file that is not a schema', ['v1.json', 'not-a-schema.json'], 'new schema'],
    ['an unknown mode', ['v1.json', 'v1.json', '--mode', 'SIDEWAYS'], '--mode'],
    ['a missing NEW file', ['v1.json'], 'expected OLD.json NEW.json'],
  ])('exits 2 with one error line on %s', async (_, args, mention) => {
    const { code, stdout, stderr } = await dx(args.map((arg) => (arg.endsWith('.json') ? file(arg) : arg)));
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(lines(stderr)).toHaveLength(1);
    expect(stderr).toMatch(/^error: /);
    expect(stderr).toContain(mention);
  });
});

describe('dx contracts compat --pairs FILE', () => {
  const pair = (old: object, next: object, extra: object = {}) =>
    JSON.stringify({ old, new: next, ...extra });

  it('writes one result line per pair, in order, and exits 1 when any pair is incompatible', async () => {
    await writeFile(
      file('pairs.ndjson'),
      [
        pair(reading({ maximum: 600 }), reading({ maximum: 650 })),
        pair(reading({ maximum: 600 }), reading({ maximum: 550 })),
        pair(reading({ maximum: 600 }), reading({ maximum: 550 }), { mode: 'FORWARD' }),
      ].join('\n') + '\n',
    );
    const { code, stdout } = await dx(['--pairs', file('pairs.ndjson')]);
    expect(code).toBe(1);
    expect(lines(stdout).map((line) => JSON.parse(line).compatible)).toEqual([true, false, true]);
  });

  it('exits 0 when every pair is compatible', async () => {
    await writeFile(file('good.ndjson'), pair({ type: 'integer' }, { type: 'number' }) + '\n');
    const { code, stdout } = await dx(['--pairs', file('good.ndjson')]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      compatible: true,
      changes: [{ type: 'TYPE_EXTENDED', path: '#/type', breaking: false }],
    });
  });

  it('answers a bad line with an error on that line and exits 2', async () => {
    await writeFile(
      file('mixed.ndjson'),
      [
        pair({ type: 'integer' }, { type: 'number' }),
        'not json',
        JSON.stringify({ old: {} }),
        pair({}, {}, { mode: 'SIDEWAYS' }),
        pair({ type: 'number' }, { type: 'integer' }),
      ].join('\n'),
    );
    const { code, stdout } = await dx(['--pairs', file('mixed.ndjson')]);
    expect(code).toBe(2);
    const results = lines(stdout).map((line) => JSON.parse(line));
    expect(results).toHaveLength(5);
    expect(results[0]).toMatchObject({ compatible: true });
    expect(results[1].error).toMatch(/^line 2: not valid JSON/);
    expect(results[2].error).toMatch(/^line 3: expected \{"old"/);
    expect(results[3].error).toMatch(/^line 4: unknown compatibility mode "SIDEWAYS"/);
    expect(results[4]).toMatchObject({ compatible: false });
  });

  it('exits 2 when the pairs file cannot be read', async () => {
    const { code, stderr } = await dx(['--pairs', file('missing.ndjson')]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^error: cannot read /);
  });
});

describe('dx --help', () => {
  it('lists dx contracts compat with its options', async () => {
    const { code, stdout } = await runProcess('bin/dx.js', ['--help']);
    expect(code).toBe(0);
    for (const text of ['dx contracts compat', '--mode <mode>', '--lenient', '--pairs <file>']) {
      expect(stdout).toContain(text);
    }
  });
});
