/** Compatibility cases: properties beside additionalProperties that is a schema (a partially open model). */
import type { CompatibilityCase } from './compatibility-case.types.js';
import { temperature, pressure, flow, tag, closed, open, numbersBeside } from './plant-schemas.js';

export const PARTIAL_CONTENT_MODEL_CASES: CompatibilityCase[] = [
  {
    name: 'adding a numeric flow that extra numbers already covered is backward compatible',
    old: numbersBeside({ tag }),
    new: numbersBeside({ tag, flow }),
    mode: 'BACKWARD',
    compatible: true,
    changes: ['PROPERTY_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL'],
  },
  {
    name: 'adding a string flow where extra properties were numbers is not backward compatible',
    old: numbersBeside({ tag }),
    new: numbersBeside({ tag, flow: { ...flow, type: 'string' } }),
    mode: 'BACKWARD',
    compatible: false,
    changes: ['PROPERTY_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL'],
  },
  {
    name: 'adding an integer flow where extra properties were any number breaks a new reader',
    old: numbersBeside({ tag }),
    new: numbersBeside({ tag, flow: { ...flow, type: 'integer' } }),
    mode: 'BACKWARD',
    compatible: false,
    changes: ['PROPERTY_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL'],
  },
  {
    name: 'adding an integer flow where extra properties were any number suits an old reader',
    old: numbersBeside({ tag }),
    new: numbersBeside({ tag, flow: { ...flow, type: 'integer' } }),
    mode: 'FORWARD',
    compatible: true,
    changes: ['PROPERTY_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL'],
  },
  {
    name: 'lenient mode does not relax a partially open model',
    old: numbersBeside({ tag }),
    new: numbersBeside({ tag, flow: { ...flow, type: 'string' } }),
    mode: 'BACKWARD',
    lenient: true,
    compatible: false,
    changes: ['PROPERTY_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL'],
  },
  {
    name: 'removing a numeric flow that extra numbers now cover is backward compatible',
    old: numbersBeside({ tag, flow }),
    new: numbersBeside({ tag }),
    mode: 'BACKWARD',
    compatible: true,
    changes: ['PROPERTY_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL'],
  },
  {
    name: 'removing a string status that extra numbers do not cover is not backward compatible',
    old: numbersBeside({ tag, status: { type: 'string' } }),
    new: numbersBeside({ tag }),
    mode: 'BACKWARD',
    compatible: false,
    changes: ['PROPERTY_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL'],
  },
  {
    name: 'a tag-named temperature added under a matching pattern is covered by that pattern',
    old: closed({ tag }, ['tag'], { patternProperties: { '^TI-\\d{3}$': { type: 'number' } } }),
    new: closed({ tag, 'TI-101': temperature }, ['tag'], {
      patternProperties: { '^TI-\\d{3}$': { type: 'number' } },
    }),
    mode: 'BACKWARD',
    compatible: true,
    changes: ['PROPERTY_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL'],
  },
  {
    name: 'a pattern of numbers added to an open model constrains what old writers sent',
    old: open({ tag }),
    new: open({ tag }, [], { patternProperties: { '^PI-\\d{3}$': pressure } }),
    mode: 'BACKWARD',
    compatible: false,
    changes: ['PATTERN_PROPERTY_ADDED'],
  },
  {
    name: 'a pattern removed from a closed model breaks a new reader of old tag values',
    old: closed({ tag }, ['tag'], { patternProperties: { '^PI-\\d{3}$': pressure } }),
    new: closed({ tag }, ['tag']),
    mode: 'BACKWARD',
    compatible: false,
    changes: ['PATTERN_PROPERTY_REMOVED'],
  },
];
