import { describe, expect, it } from '@jest/globals';
import { ackLine, messageLine, readBufferFile, type BufferedMessage } from './buffer-file.js';

const message = (id: string, temperature = 250): BufferedMessage => ({
  id,
  contract: 'scada.reactor-telemetry',
  headers: { 'dx-producer': 'scada', 'dx-version': '1.0.0', 'dx-msg-id': id },
  body: { equipment: 'R101', temperature },
});

describe('the buffer file format', () => {
  it('writes one JSON line per message with its id, contract, headers and body', () => {
    const line = messageLine(message('m1'));
    expect(line.endsWith('\n')).toBe(true);
    expect(line.slice(0, -1)).not.toContain('\n');
    expect(JSON.parse(line)).toEqual(message('m1'));
  });

  it('reads back the messages in the order they were written', () => {
    const text = ['m1', 'm2', 'm3'].map((id) => messageLine(message(id))).join('');
    expect(readBufferFile(text, 'b.jsonl')).toEqual({
      pending: [message('m1'), message('m2'), message('m3')],
      untidy: false,
    });
  });

  it('keeps a batch body as its array', () => {
    const batch = { ...message('b1'), body: [{ equipment: 'R101' }, { equipment: 'R201' }] };
    expect(readBufferFile(messageLine(batch), 'b.jsonl').pending).toEqual([batch]);
  });

  it('drops the messages the hub has answered, and says the file could be compacted', () => {
    const text = messageLine(message('m1')) + messageLine(message('m2')) + ackLine('m1');
    expect(readBufferFile(text, 'b.jsonl')).toEqual({ pending: [message('m2')], untidy: true });
  });

  it('settles the oldest of two messages published with the same id first', () => {
    const text = messageLine(message('same', 1)) + messageLine(message('same', 2)) + ackLine('same');
    expect(readBufferFile(text, 'b.jsonl').pending).toEqual([message('same', 2)]);
  });

  it('drops a last line a crash cut short: its append was never acknowledged', () => {
    const torn = messageLine(message('m2')).slice(0, 30);
    expect(readBufferFile(messageLine(message('m1')) + torn, 'b.jsonl')).toEqual({
      pending: [message('m1')],
      untidy: true,
    });
  });

  it('refuses a damaged line in the middle, naming the file and line, rather than lose messages', () => {
    const text = messageLine(message('m1')) + '{"id": broken\n' + messageLine(message('m2'));
    expect(() => readBufferFile(text, '/var/dx/scada.buffer.jsonl')).toThrow(
      '/var/dx/scada.buffer.jsonl:2 is not a line of a DX Hub publish buffer',
    );
  });

  it('reads an empty file as an empty buffer', () => {
    expect(readBufferFile('', 'b.jsonl')).toEqual({ pending: [], untidy: false });
  });
});
