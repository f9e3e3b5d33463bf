/** Compatibility cases: boolean schemas, NONE, transitive names and keywords the checker does not reason about. */
import type { CompatibilityCase } from './compatibility-case.types.js';
import { flow, tag, closed, open, temperatureReading, reading } from './plant-schemas.js';

export const BOOLEAN_AND_UNCHECKED_CASES: CompatibilityCase[] = [
  {
    name: 'a property schema turned from true to false forbids what old data had',
    old: open({ tag, debug: true }),
    new: open({ tag, debug: false }),
    mode: 'BACKWARD',
    compatible: false,
    changes: ['FALSE_SCHEMA_ADDED'],
  },
  {
    name: 'a property schema turned from false to true is backward compatible',
    old: open({ tag, debug: false }),
    new: open({ tag, debug: true }),
    mode: 'BACKWARD',
    compatible: true,
    changes: ['FALSE_SCHEMA_REMOVED'],
  },
  {
    name: 'a payload schema of true given a type narrows it',
    old: true,
    new: { type: 'object' },
    mode: 'BACKWARD',
    compatible: false,
    changes: ['TYPE_NARROWED'],
  },
  {
    name: 'a flow that becomes a string passes under NONE, listed but not breaking',
    old: reading('flow', flow),
    new: reading('flow', { ...flow, type: 'string' }),
    mode: 'NONE',
    compatible: true,
    changes: ['TYPE_CHANGED'],
  },
  {
    name: 'BACKWARD_TRANSITIVE between two versions judges like BACKWARD',
    old: temperatureReading({ maximum: 600 }),
    new: temperatureReading({ maximum: 550 }),
    mode: 'BACKWARD_TRANSITIVE',
    compatible: false,
    changes: ['MAXIMUM_DECREASED'],
  },
  {
    name: 'FULL_TRANSITIVE between two versions accepts a description change',
    old: temperatureReading({}),
    new: temperatureReading({ description: 'Bed temperature at the hot spot.' }),
    mode: 'FULL_TRANSITIVE',
    compatible: true,
    changes: ['DESCRIPTION_CHANGED'],
  },
  {
    name: 'a then edited under the same if is compared as a schema: requiring tag instead of pump breaks both ways',
    old: closed({ tag, flow, pump: { type: 'string' } }, [], {
      if: { required: ['flow'] },
      then: { required: ['pump'] },
    }),
    new: closed({ tag, flow, pump: { type: 'string' } }, [], {
      if: { required: ['flow'] },
      then: { required: ['tag'] },
    }),
    mode: 'FULL',
    compatible: false,
    changes: ['REQUIRED_ATTRIBUTE_ADDED', 'REQUIRED_ATTRIBUTE_REMOVED'],
  },
];
