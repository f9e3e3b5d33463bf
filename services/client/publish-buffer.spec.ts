import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { messageLine, type BufferedMessage } from './buffer-file.js';
import { PublishBuffer } from './publish-buffer.js';

const message = (id: string): BufferedMessage => ({
  id,
  contract: 'scada.reactor-telemetry',
  headers: { 'dx-producer': 'scada', 'dx-version': '1.0.0', 'dx-msg-id': id },
  body: { equipment: 'R101', temperature: 250 },
});

let dir: string;
const file = () => path.join(dir, 'scada.buffer.jsonl');
const lines = () =>
  readFileSync(file(), 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'dx-buffer-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('the publish buffer', () => {
  it('has every appended message in its file once the append resolves', async () => {
    const buffer = await PublishBuffer.open(dir, 'scada');
    await Promise.all([buffer.append(message('m1')), buffer.append(message('m2'))]);
    expect(lines().map((l) => l.id)).toEqual(['m1', 'm2']);
    expect(buffer.size).toBe(2);
    await buffer.close();
  });

  it('reloads what an earlier run left, in order', async () => {
    const first = await PublishBuffer.open(dir, 'scada');
    for (const id of ['m1', 'm2', 'm3']) await first.append(message(id));
    await first.ack(first.head()!);
    await first.close();

    const second = await PublishBuffer.open(dir, 'scada');
    expect(second.size).toBe(2);
    expect(second.head()).toEqual(message('m2'));
    await second.close();
  });

  it('refuses to ack any message but the oldest, which keeps the file order the hub order', async () => {
    const buffer = await PublishBuffer.open(dir, 'scada');
    await buffer.append(message('m1'));
    await buffer.append(message('m2'));
    const second = message('m2');
    expect(() => buffer.ack(second)).toThrow('only the oldest buffered message can be acked');
    await buffer.close();
  });

  it('empties its file once every message has been acked', async () => {
    const buffer = await PublishBuffer.open(dir, 'scada');
    for (const id of ['m1', 'm2']) await buffer.append(message(id));
    expect(statSync(file()).size).toBeGreaterThan(0);
    await buffer.ack(buffer.head()!);
    expect(lines()).toEqual([message('m1'), message('m2'), { ack: 'm1' }]);
    await buffer.ack(buffer.head()!);
    expect(statSync(file()).size).toBe(0);
    await buffer.append(message('m3'));
    expect(lines()).toEqual([message('m3')]);
    await buffer.close();
  });

  it('compacts during a long flush, so acks do not pile up in the file', async () => {
    const buffer = await PublishBuffer.open(dir, 'scada');
    for (let i = 0; i < 1005; i++) await buffer.append(message(`m${i}`));
    for (let i = 0; i < 1000; i++) await buffer.ack(buffer.head()!);
    expect(lines().map((l) => l.id)).toEqual(['m1000', 'm1001', 'm1002', 'm1003', 'm1004']);
    await buffer.close();
  });

  it('rewrites a file whose last line a crash cut short before appending after it', async () => {
    appendFileSync(file(), messageLine(message('m1')) + messageLine(message('m2')).slice(0, 25));
    const buffer = await PublishBuffer.open(dir, 'scada');
    await buffer.append(message('m3'));
    expect(lines().map((l) => l.id)).toEqual(['m1', 'm3']);
    await buffer.close();
  });
});
