/** Compatibility cases: properties of an object whose content model is open. */
import type { CompatibilityCase } from './compatibility-case.types.js';
import { temperature, pressure, tag, open } from './plant-schemas.js';

export const OPEN_CONTENT_MODEL_CASES: CompatibilityCase[] = [
  {
    name: 'adding pressure to an open model is not backward compatible in strict mode',
    old: open({ tag, temperature }),
    new: open({ tag, temperature, pressure }),
    mode: 'BACKWARD',
    compatible: false,
    changes: ['PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL'],
  },
  {
    name: 'adding pressure to an open model is backward compatible in lenient mode',
    old: open({ tag, temperature }),
    new: open({ tag, temperature, pressure }),
    mode: 'BACKWARD',
    lenient: true,
    compatible: true,
    changes: ['PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL'],
  },
  {
    name: 'adding pressure to an open model is forward compatible',
    old: open({ tag, temperature }),
    new: open({ tag, temperature, pressure }),
    mode: 'FORWARD',
    compatible: true,
    changes: ['PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL'],
  },
  {
    name: 'adding a property that accepts anything to an open model breaks nobody',
    old: open({ tag }, [], { additionalProperties: true }),
    new: open({ tag, notes: { description: 'Free-form notes from the operator.' } }, [], {
      additionalProperties: true,
    }),
    mode: 'FULL',
    compatible: true,
    changes: ['PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL'],
  },
  {
    name: 'removing pressure from an open model is backward compatible',
    old: open({ tag, temperature, pressure }),
    new: open({ tag, temperature }),
    mode: 'BACKWARD',
    compatible: true,
    changes: ['PROPERTY_REMOVED_FROM_OPEN_CONTENT_MODEL'],
  },
  {
    name: 'removing pressure from an open model is not forward compatible in strict mode',
    old: open({ tag, temperature, pressure }),
    new: open({ tag, temperature }),
    mode: 'FORWARD',
    compatible: false,
    changes: ['PROPERTY_REMOVED_FROM_OPEN_CONTENT_MODEL'],
  },
  {
    name: 'removing pressure from an open model is forward compatible in lenient mode',
    old: open({ tag, temperature, pressure }),
    new: open({ tag, temperature }),
    mode: 'FORWARD',
    lenient: true,
    compatible: true,
    changes: ['PROPERTY_REMOVED_FROM_OPEN_CONTENT_MODEL'],
  },
];
