/** Compatibility cases: a value's type: widened, narrowed, changed. */
import type { CompatibilityCase } from './compatibility-case.types.js';
import { pressure, flow, temperatureReading, reading } from './plant-schemas.js';

export const TYPE_CASES: CompatibilityCase[] = [
  {
    name: 'a new reader accepts a sample count widened from integer to number',
    old: reading('count', { type: 'integer' }),
    new: reading('count', { type: 'number' }),
    mode: 'BACKWARD',
    compatible: true,
    changes: ['TYPE_EXTENDED'],
  },
  {
    name: 'an old reader cannot take a count widened from integer to number',
    old: reading('count', { type: 'integer' }),
    new: reading('count', { type: 'number' }),
    mode: 'FORWARD',
    compatible: false,
    changes: ['TYPE_EXTENDED'],
  },
  {
    name: 'narrowing a flow from number to integer breaks a new reader of old data',
    old: reading('flow', flow),
    new: reading('flow', { ...flow, type: 'integer' }),
    mode: 'BACKWARD',
    compatible: false,
    changes: ['TYPE_NARROWED'],
  },
  {
    name: 'narrowing a flow from number to integer is fine for an old reader',
    old: reading('flow', flow),
    new: reading('flow', { ...flow, type: 'integer' }),
    mode: 'FORWARD',
    compatible: true,
    changes: ['TYPE_NARROWED'],
  },
  {
    name: 'changing a pressure from number to string breaks both ways',
    old: reading('pressure', pressure),
    new: reading('pressure', { ...pressure, type: 'string' }),
    mode: 'FULL',
    compatible: false,
    changes: ['TYPE_CHANGED'],
  },
  {
    name: 'a type array that admits null widens a temperature',
    old: temperatureReading({}),
    new: temperatureReading({ type: ['number', 'null'] }),
    mode: 'BACKWARD',
    compatible: true,
    changes: ['TYPE_EXTENDED'],
  },
  {
    name: 'dropping null from a type array breaks a new reader of old nulls',
    old: temperatureReading({ type: ['number', 'null'] }),
    new: temperatureReading({}),
    mode: 'BACKWARD',
    compatible: false,
    changes: ['TYPE_NARROWED'],
  },
  {
    name: 'integer to number is not fully compatible',
    old: reading('count', { type: 'integer' }),
    new: reading('count', { type: 'number' }),
    mode: 'FULL',
    compatible: false,
    changes: ['TYPE_EXTENDED'],
  },
];
