import { describe, expect, it } from '@jest/globals';
import { readLiveMessage } from './live-message.js';

const feed = { contract: 'scada.reactor-telemetry', major: 1 };
const envelope = {
  position: 12,
  streamPosition: 3,
  contract: 'scada.reactor-telemetry',
  version: '1.1.0',
  key: 'R101',
  data: { temperature: 251.3 },
};
const message = (body: unknown, subject = 'dx.data.scada.reactor-telemetry.v1.R101') => ({
  subject,
  string: () => (typeof body === 'string' ? body : JSON.stringify(body)),
});

describe('a live message', () => {
  it('is read as the event it carries when it is one of the subscription’s', () => {
    expect(readLiveMessage(message(envelope), feed)).toEqual({ event: envelope });
  });

  it.each([
    ['not JSON', 'x'.repeat(20), 'it is not JSON'],
    ['an array', [envelope], 'not an event envelope'],
    ['a position of 0', { ...envelope, position: 0 }, 'its position is 0'],
    ['a fractional stream position', { ...envelope, streamPosition: 1.5 }, 'its streamPosition is 1.5'],
    ['another contract', { ...envelope, contract: 'scada.alarms' }, 'its contract is "scada.alarms"'],
    ['a key its subject does not name', { ...envelope, key: 'R201' }, 'its key "R201" is not the one'],
    ['a version of another major', { ...envelope, version: '2.0.0' }, 'not of major 1'],
    ['no data', { ...envelope, data: null }, 'no data object'],
  ])('is dropped with its reason when it has %s', (_case, body, reason) => {
    const read = readLiveMessage(message(body), feed);
    expect(read).toEqual({ impossible: expect.stringContaining(reason) });
  });
});
