import { describe, expect, it } from '@jest/globals';
import { filterProblem, matchTopic } from './topic-pattern.js';

describe('MQTT topic filters of a mapping', () => {
  it('match a topic level by level and give its levels', () => {
    expect(matchTopic('plant/+/sensor/+', 'plant/R101/sensor/TI-101')).toEqual([
      'plant',
      'R101',
      'sensor',
      'TI-101',
    ]);
    expect(matchTopic('plant/+/sensor/+', 'plant/R101/sensor')).toBeUndefined();
    expect(matchTopic('plant/+/sensor/+', 'plant/R101/sensor/TI-101/x')).toBeUndefined();
    expect(matchTopic('plant/#', 'plant/a/b/c')).toEqual(['plant', 'a', 'b', 'c']);
    expect(matchTopic('plant/R101', 'plant/R102')).toBeUndefined();
  });

  it('refuse wildcards inside a level and # before the end', () => {
    expect(filterProblem('plant/R1+/x')).toMatch(/\+ must be a whole level/);
    expect(filterProblem('plant/#/x')).toMatch(/# must be a whole level, and the last/);
    expect(filterProblem('$share/g/plant/#')).toMatch(/sharedGroup/);
    expect(filterProblem('plant/+/sensor/#')).toBeUndefined();
  });
});
