import { describe, expect, it } from '@jest/globals';
import { parseTopic } from './live-topic.js';

describe('what a live stream may follow', () => {
  it('reads a contract and key, every key of a contract, and a chosen major', () => {
    expect(parseTopic('scada.reactor-telemetry/R101')).toEqual({
      contract: 'scada.reactor-telemetry',
      key: 'R101',
    });
    expect(parseTopic('scada.alarms/*')).toEqual({ contract: 'scada.alarms', key: '*' });
    expect(parseTopic('scada.alarms')).toEqual({ contract: 'scada.alarms', key: '*' });
    expect(parseTopic('scada.reactor-telemetry@1/R101')).toEqual({
      contract: 'scada.reactor-telemetry',
      key: 'R101',
      major: 1,
    });
  });

  it('refuses a subject wildcard smuggled into the key, and a bad major, naming the field', () => {
    for (const text of [
      'scada.alarms/>',
      'scada.alarms/a.b',
      'scada.alarms@0/R1',
      'scada.alarms@x/R1',
      'nodomain/R1',
    ])
      expect(() => parseTopic(text)).toThrow(
        expect.objectContaining({
          code: 'BAD_ARGUMENT',
          details: expect.objectContaining({ field: 'data' }),
        }),
      );
  });
});
