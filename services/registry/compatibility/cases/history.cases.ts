/** Compatibility cases of a version against the versions before it, transitive and not. */
import type { HistoryCase } from './compatibility-case.types.js';
import { temperature, flow, tag, quality, closed, open, temperatureReading } from './plant-schemas.js';

const v1Setpoints = closed({ tag, temperature }, ['tag', 'temperature']);
const v2Setpoints = closed(
  { tag, temperature, rampRate: { type: 'number', 'x-unit': 'K/min', default: 1 } },
  ['tag', 'temperature', 'rampRate'],
);
const v3Setpoints = closed({ tag, temperature, rampRate: { type: 'number', 'x-unit': 'K/min' } }, [
  'tag',
  'temperature',
  'rampRate',
]);

const v1Quality = closed({ tag, quality }, ['tag', 'quality']);
const v2Quality = closed({ tag, quality: { ...quality, default: 'good' } }, ['tag', 'quality']);
const v3Quality = closed({ tag, quality: { ...quality, default: 'good' } }, ['tag']);

const v1Flow = open({ tag, flow });
const v2Flow = open({ tag });
const v3Flow = open({ tag, flow: { ...flow, type: 'string' } });

export const HISTORY_CASES: HistoryCase[] = [
  {
    name: 'under BACKWARD a version that drops a default is checked against the latest only, and passes',
    previous: [v1Setpoints, v2Setpoints],
    next: v3Setpoints,
    mode: 'BACKWARD',
    compatible: true,
    failing: [],
  },
  {
    name: 'under BACKWARD_TRANSITIVE the same version fails against v1, whose data has no ramp rate',
    previous: [v1Setpoints, v2Setpoints],
    next: v3Setpoints,
    mode: 'BACKWARD_TRANSITIVE',
    compatible: false,
    failing: [0],
  },
  {
    name: 'under FORWARD a quality no longer required passes against a reader with a default',
    previous: [v1Quality, v2Quality],
    next: v3Quality,
    mode: 'FORWARD',
    compatible: true,
    failing: [],
  },
  {
    name: 'under FORWARD_TRANSITIVE the same version fails against v1, a reader without a default',
    previous: [v1Quality, v2Quality],
    next: v3Quality,
    mode: 'FORWARD_TRANSITIVE',
    compatible: false,
    failing: [0],
  },
  {
    name: 'under lenient BACKWARD a flow re-added as a string passes against the version without it',
    previous: [v1Flow, v2Flow],
    next: v3Flow,
    mode: 'BACKWARD',
    lenient: true,
    compatible: true,
    failing: [],
  },
  {
    name: 'under lenient BACKWARD_TRANSITIVE a flow re-added as a string fails against v1, where it was a number',
    previous: [v1Flow, v2Flow],
    next: v3Flow,
    mode: 'BACKWARD_TRANSITIVE',
    lenient: true,
    compatible: false,
    failing: [0],
  },
  {
    name: 'under FULL_TRANSITIVE a description-only change passes against every version',
    previous: [temperatureReading({}), temperatureReading({ title: 'T' })],
    next: temperatureReading({ title: 'T', description: 'Bed temperature.' }),
    mode: 'FULL_TRANSITIVE',
    compatible: true,
    failing: [],
  },
  {
    name: 'under FULL_TRANSITIVE a raised maximum fails against every version',
    previous: [temperatureReading({ maximum: 600 }), temperatureReading({ maximum: 600, title: 'T' })],
    next: temperatureReading({ maximum: 650 }),
    mode: 'FULL_TRANSITIVE',
    compatible: false,
    failing: [0, 1],
  },
  {
    name: 'under NONE nothing is checked',
    previous: [v1Flow],
    next: v3Flow,
    mode: 'NONE',
    compatible: true,
    failing: [],
  },
  {
    name: 'a first version has nothing to be compatible with',
    previous: [],
    next: v1Flow,
    mode: 'FULL_TRANSITIVE',
    compatible: true,
    failing: [],
  },
];
