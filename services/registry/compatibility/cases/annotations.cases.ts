/** Compatibility cases: units and annotations. */
import type { CompatibilityCase } from './compatibility-case.types.js';
import { pressure, temperatureReading, reading } from './plant-schemas.js';

export const ANNOTATION_CASES: CompatibilityCase[] = [
  {
    name: 'a temperature unit changed from degC to K is not backward compatible',
    old: temperatureReading({}),
    new: temperatureReading({ 'x-unit': 'K' }),
    mode: 'BACKWARD',
    compatible: false,
    changes: ['UNIT_CHANGED'],
  },
  {
    name: 'a temperature unit changed is not forward compatible either',
    old: temperatureReading({}),
    new: temperatureReading({ 'x-unit': 'K' }),
    mode: 'FORWARD',
    compatible: false,
    changes: ['UNIT_CHANGED'],
  },
  {
    name: 'a pressure unit dropped is breaking',
    old: reading('pressure', pressure),
    new: reading('pressure', { type: 'number', description: pressure.description }),
    mode: 'BACKWARD',
    compatible: false,
    changes: ['UNIT_REMOVED'],
  },
  {
    name: 'a unit declared where there was none documents the values and breaks nobody',
    old: reading('pressure', { type: 'number', description: pressure.description }),
    new: reading('pressure', pressure),
    mode: 'FULL',
    compatible: true,
    changes: ['UNIT_ADDED'],
  },
  {
    name: 'a unit change passes under NONE, listed but not breaking',
    old: temperatureReading({}),
    new: temperatureReading({ 'x-unit': 'K' }),
    mode: 'NONE',
    compatible: true,
    changes: ['UNIT_CHANGED'],
  },
  {
    name: 'a new title and description break nobody',
    old: { title: 'Reactor telemetry', ...temperatureReading({}) },
    new: {
      title: 'Reactor R101 telemetry',
      ...temperatureReading({ description: 'Catalyst bed temperature.' }),
    },
    mode: 'FULL',
    compatible: true,
    changes: ['TITLE_CHANGED', 'DESCRIPTION_CHANGED'],
  },
  {
    name: 'new examples, a new default and a display hint break nobody',
    old: temperatureReading({ default: 20, examples: [250], 'x-display': 'gauge' }),
    new: temperatureReading({
      default: 25,
      examples: [250, 260],
      'x-display': 'trend',
      $comment: 'from the DCS',
    }),
    mode: 'FULL',
    compatible: true,
    changes: ['DEFAULT_CHANGED', 'EXAMPLES_CHANGED', 'ANNOTATION_CHANGED', 'ANNOTATION_CHANGED'],
  },
];
