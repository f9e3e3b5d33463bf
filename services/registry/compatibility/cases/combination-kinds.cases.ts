/**
 * Compatibility cases: a combined schema becoming another kind (anyOf, oneOf, allOf), with more or
 * fewer branches, with repeated branches, as Confluent Schema Registry's CombinedSchemaDiff decides:
 * a change to anyOf extends; to oneOf only from a single branch; to allOf only between single
 * branches; repeated branches count once.
 */
import type { CompatibilityCase } from './compatibility-case.types.js';
import { reading } from './plant-schemas.js';

const number = { type: 'number', 'x-unit': 'degC' };
const nothing = { type: 'null' };
const text = { type: 'string', maxLength: 16 };
const bed = (combination: Record<string, unknown>) =>
  reading('bed', { description: 'Bed temperature.', ...combination });

export const COMBINATION_KIND_CASES: CompatibilityCase[] = [
  {
    name: 'a single-branch anyOf that becomes a oneOf is the same schema both ways',
    old: bed({ anyOf: [number] }),
    new: bed({ oneOf: [number] }),
    mode: 'FULL',
    compatible: true,
    changes: ['COMBINED_TYPE_EXTENDED'],
  },
  {
    name: 'a single-branch oneOf that becomes a single-branch allOf is the same schema both ways',
    old: bed({ oneOf: [number] }),
    new: bed({ allOf: [number] }),
    mode: 'FULL',
    compatible: true,
    changes: ['COMBINED_TYPE_EXTENDED'],
  },
  {
    name: 'a single-branch anyOf that becomes a oneOf of two admits more: a new reader reads old data',
    old: bed({ anyOf: [number] }),
    new: bed({ oneOf: [number, nothing] }),
    mode: 'BACKWARD',
    compatible: true,
    changes: ['COMBINED_TYPE_EXTENDED', 'SUM_TYPE_EXTENDED'],
  },
  {
    name: 'an anyOf of two that becomes a oneOf breaks a new reader (a value may match both)',
    old: bed({ anyOf: [number, nothing] }),
    new: bed({ oneOf: [number, nothing] }),
    mode: 'BACKWARD',
    compatible: false,
    changes: ['COMBINED_TYPE_NARROWED'],
  },
  {
    name: 'a oneOf of two that becomes an anyOf of three is extended twice, fine for a new reader',
    old: bed({ oneOf: [number, nothing] }),
    new: bed({ anyOf: [number, nothing, text] }),
    mode: 'BACKWARD',
    compatible: true,
    changes: ['COMBINED_TYPE_EXTENDED', 'SUM_TYPE_EXTENDED'],
  },
  {
    name: 'the same oneOf to anyOf of three breaks an old reader, which cannot take a string',
    old: bed({ oneOf: [number, nothing] }),
    new: bed({ anyOf: [number, nothing, text] }),
    mode: 'FORWARD',
    compatible: false,
    changes: ['COMBINED_TYPE_EXTENDED', 'SUM_TYPE_EXTENDED'],
  },
  {
    name: 'an allOf of two that becomes an anyOf of one is judged step by step, as Confluent does: the branch lost narrows the anyOf, so it is refused (conservatively)',
    old: bed({ allOf: [number, { maximum: 600 }] }),
    new: bed({ anyOf: [number] }),
    mode: 'BACKWARD',
    compatible: false,
    changes: ['COMBINED_TYPE_EXTENDED', 'SUM_TYPE_NARROWED'],
  },
  {
    name: 'a oneOf of two that becomes an allOf of one changes the schema both ways',
    old: bed({ oneOf: [number, nothing] }),
    new: bed({ allOf: [number] }),
    mode: 'FULL',
    compatible: false,
    changes: ['COMBINED_TYPE_CHANGED', 'COMBINED_TYPE_SUBSCHEMAS_CHANGED'],
  },
  {
    name: 'a repeated anyOf branch removed is no change: repeats count once',
    old: bed({ anyOf: [number, number, nothing] }),
    new: bed({ anyOf: [number, nothing] }),
    mode: 'FULL',
    compatible: true,
    changes: [],
  },
  {
    name: 'a branch repeated in an allOf is no change either',
    old: bed({ allOf: [number, { maximum: 600 }] }),
    new: bed({ allOf: [number, { maximum: 600 }, { maximum: 600 }] }),
    mode: 'FULL',
    compatible: true,
    changes: [],
  },
];
