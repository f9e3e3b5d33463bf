import { describe, expect, it } from '@jest/globals';
import { parseSparkplugTopic } from './sparkplug-topic.js';

describe('Sparkplug B topics', () => {
  it('read group, type, edge node and device', () => {
    expect(parseSparkplugTopic('spBv1.0/ammonia/DDATA/unit-5/R201')).toEqual({
      group: 'ammonia',
      type: 'DDATA',
      node: 'unit-5',
      device: 'R201',
    });
    expect(parseSparkplugTopic('spBv1.0/ammonia/NBIRTH/unit-5')).toEqual({
      group: 'ammonia',
      type: 'NBIRTH',
      node: 'unit-5',
      device: undefined,
    });
  });

  it('are not the host state, another namespace, or a device message without a device', () => {
    expect(parseSparkplugTopic('spBv1.0/STATE/dx-hub')).toBeUndefined();
    expect(parseSparkplugTopic('spAv1.0/g/NDATA/n')).toBeUndefined();
    expect(parseSparkplugTopic('spBv1.0/g/DDATA/n')).toBeUndefined();
    expect(parseSparkplugTopic('spBv1.0/g/NDATA/n/d')).toBeUndefined();
  });
});
