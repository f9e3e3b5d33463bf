/** Compatibility cases: additionalProperties itself opened, closed or changed. */
import type { CompatibilityCase } from './compatibility-case.types.js';
import { temperature, tag, closed, open, numbersBeside } from './plant-schemas.js';

export const ADDITIONAL_PROPERTIES_CASES: CompatibilityCase[] = [
  {
    name: 'closing an open model is not backward compatible in strict mode',
    old: open({ tag, temperature }),
    new: open({ tag, temperature }, [], { additionalProperties: false }),
    mode: 'BACKWARD',
    compatible: false,
    changes: ['ADDITIONAL_PROPERTIES_NARROWED'],
  },
  {
    name: 'closing an open model is backward compatible in lenient mode',
    old: open({ tag, temperature }),
    new: open({ tag, temperature }, [], { additionalProperties: false }),
    mode: 'BACKWARD',
    lenient: true,
    compatible: true,
    changes: ['ADDITIONAL_PROPERTIES_NARROWED'],
  },
  {
    name: 'opening a closed model is backward compatible',
    old: closed({ tag, temperature }),
    new: open({ tag, temperature }, [], { additionalProperties: true }),
    mode: 'BACKWARD',
    compatible: true,
    changes: ['ADDITIONAL_PROPERTIES_EXTENDED'],
  },
  {
    name: 'opening a closed model is not forward compatible in strict mode',
    old: closed({ tag, temperature }),
    new: open({ tag, temperature }),
    mode: 'FORWARD',
    compatible: false,
    changes: ['ADDITIONAL_PROPERTIES_EXTENDED'],
  },
  {
    name: 'narrowing the schema of extra properties from number to integer breaks a new reader',
    old: numbersBeside({ tag }),
    new: { ...numbersBeside({ tag }), additionalProperties: { type: 'integer' } },
    mode: 'BACKWARD',
    compatible: false,
    changes: ['TYPE_NARROWED'],
  },
];
