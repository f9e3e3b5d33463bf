/**
 * Compatibility cases: exclusiveMaximum/exclusiveMinimum in draft-04's boolean form (a flag on
 * maximum/minimum) and in the numeric form of later drafts. Whether a change widens or narrows
 * follows the limit maximum and exclusiveMaximum make together. (Confluent's library reads the
 * draft-04 flag as no change at all; the flag does change what is valid, so it counts here.)
 */
import type { CompatibilityCase } from './compatibility-case.types.js';
import { temperatureReading } from './plant-schemas.js';

export const EXCLUSIVE_LIMIT_CASES: CompatibilityCase[] = [
  {
    name: 'the draft-04 flag exclusiveMaximum true beside the same maximum excludes the limit: a new reader breaks',
    old: temperatureReading({ maximum: 650 }),
    new: temperatureReading({ maximum: 650, exclusiveMaximum: true }),
    mode: 'BACKWARD',
    compatible: false,
    changes: ['MAXIMUM_REMOVED', 'EXCLUSIVE_MAXIMUM_ADDED'],
  },
  {
    name: 'the same flag added is fine for an old reader, whose limit admits all the new values',
    old: temperatureReading({ maximum: 650 }),
    new: temperatureReading({ maximum: 650, exclusiveMaximum: true }),
    mode: 'FORWARD',
    compatible: true,
    changes: ['MAXIMUM_REMOVED', 'EXCLUSIVE_MAXIMUM_ADDED'],
  },
  {
    name: 'the draft-04 flag exclusiveMinimum true dropped admits the limit again: fine for a new reader',
    old: temperatureReading({ minimum: -40, exclusiveMinimum: true }),
    new: temperatureReading({ minimum: -40 }),
    mode: 'BACKWARD',
    compatible: true,
    changes: ['MINIMUM_ADDED', 'EXCLUSIVE_MINIMUM_REMOVED'],
  },
  {
    name: 'a draft-04 exclusive maximum rewritten in numeric form is no change',
    old: temperatureReading({ maximum: 650, exclusiveMaximum: true }),
    new: temperatureReading({ exclusiveMaximum: 650 }),
    mode: 'FULL',
    compatible: true,
    changes: [],
  },
  {
    name: 'maximum 650 traded for exclusiveMaximum 651 widens: a new reader reads old data',
    old: temperatureReading({ maximum: 650 }),
    new: temperatureReading({ exclusiveMaximum: 651 }),
    mode: 'BACKWARD',
    compatible: true,
    changes: ['MAXIMUM_REMOVED', 'EXCLUSIVE_MAXIMUM_ADDED'],
  },
  {
    name: 'a numeric exclusiveMinimum lowered is fine for a new reader',
    old: temperatureReading({ exclusiveMinimum: 0 }),
    new: temperatureReading({ exclusiveMinimum: -40 }),
    mode: 'BACKWARD',
    compatible: true,
    changes: ['EXCLUSIVE_MINIMUM_DECREASED'],
  },
  {
    name: 'a maximum that no longer binds beside a tighter exclusiveMaximum is removed without effect',
    old: temperatureReading({ maximum: 700, exclusiveMaximum: 650 }),
    new: temperatureReading({ exclusiveMaximum: 650 }),
    mode: 'FULL',
    compatible: true,
    changes: ['MAXIMUM_REMOVED'],
  },
];
