/**
 * Compatibility cases: if/then/else and propertyNames. With the same `if`, an instance takes the
 * same branch under both schemas, so `then` and `else` are compared as schemas (absent: `true`); a
 * changed `if` is not reasoned about and breaks both ways. propertyNames is compared as the schema
 * of the names. A condition added or removed breaks both ways, as Apicurio Registry rules. (Confluent's library
 * ignores both keywords; ignoring them would pass breaking edits.)
 */
import type { CompatibilityCase } from './compatibility-case.types.js';
import { flow, open, tag } from './plant-schemas.js';

const pump = { type: 'string', description: 'Pump running the flow.' };
const whenFlowing = (branches: Record<string, unknown>, condition: unknown = { required: ['flow'] }) =>
  open({ tag, flow, pump }, ['tag'], { if: condition, ...branches });

export const CONDITIONAL_CASES: CompatibilityCase[] = [
  {
    name: 'a then added under the same if requires more of old data: a new reader breaks',
    old: whenFlowing({}),
    new: whenFlowing({ then: { required: ['pump'] } }),
    mode: 'BACKWARD',
    compatible: false,
    changes: ['REQUIRED_ATTRIBUTE_ADDED'],
  },
  {
    name: 'the same then added is fine for an old reader',
    old: whenFlowing({}),
    new: whenFlowing({ then: { required: ['pump'] } }),
    mode: 'FORWARD',
    compatible: true,
    changes: ['REQUIRED_ATTRIBUTE_ADDED'],
  },
  {
    name: 'an else relaxed under the same if is fine for a new reader',
    old: whenFlowing({ else: { maxProperties: 2 } }),
    new: whenFlowing({ else: { maxProperties: 3 } }),
    mode: 'BACKWARD',
    compatible: true,
    changes: ['MAX_PROPERTIES_INCREASED'],
  },
  {
    name: 'a whole if/then removed breaks both ways, as Apicurio rules a condition removed',
    old: whenFlowing({ then: { required: ['pump'] } }),
    new: open({ tag, flow, pump }, ['tag']),
    mode: 'FULL',
    compatible: false,
    changes: ['REQUIRED_ATTRIBUTE_REMOVED', 'UNCHECKED_KEYWORD_CHANGED'],
  },
  {
    name: 'a changed if condition is not reasoned about and breaks both ways',
    old: whenFlowing({ then: { required: ['pump'] } }),
    new: whenFlowing({ then: { required: ['pump'] } }, { required: ['tag'] }),
    mode: 'BACKWARD',
    compatible: false,
    changes: ['UNCHECKED_KEYWORD_CHANGED'],
  },
  {
    name: 'propertyNames given a pattern narrows the names an object may hold: a new reader breaks',
    old: open({ tag }),
    new: open({ tag }, [], { propertyNames: { pattern: '^[a-z][A-Za-z0-9]*$' } }),
    mode: 'BACKWARD',
    compatible: false,
    changes: ['PATTERN_ADDED'],
  },
  {
    name: 'propertyNames with a longer maxLength is fine for a new reader',
    old: open({ tag }, [], { propertyNames: { maxLength: 16 } }),
    new: open({ tag }, [], { propertyNames: { maxLength: 32 } }),
    mode: 'BACKWARD',
    compatible: true,
    changes: ['MAX_LENGTH_INCREASED'],
  },
];
