/** Compatibility cases: property counts and dependencies. */
import type { CompatibilityCase } from './compatibility-case.types.js';
import { flow, tag, quality, closed, numbersBeside } from './plant-schemas.js';

export const OBJECT_SIZE_CASES: CompatibilityCase[] = [
  {
    name: 'room for more and fewer measurements per message is backward compatible',
    old: numbersBeside({ tag }, { minProperties: 2, maxProperties: 8 }),
    new: numbersBeside({ tag }, { minProperties: 1, maxProperties: 16 }),
    mode: 'BACKWARD',
    compatible: true,
    changes: ['MIN_PROPERTIES_DECREASED', 'MAX_PROPERTIES_INCREASED'],
  },
  {
    name: 'tighter measurement counts per message are not backward compatible',
    old: numbersBeside({ tag }, { minProperties: 1, maxProperties: 16 }),
    new: numbersBeside({ tag }, { minProperties: 2, maxProperties: 8 }),
    mode: 'BACKWARD',
    compatible: false,
    changes: ['MIN_PROPERTIES_INCREASED', 'MAX_PROPERTIES_DECREASED'],
  },
  {
    name: 'measurement counts limited for the first time are not backward compatible',
    old: numbersBeside({ tag }),
    new: numbersBeside({ tag }, { minProperties: 1, maxProperties: 16 }),
    mode: 'BACKWARD',
    compatible: false,
    changes: ['MIN_PROPERTIES_ADDED', 'MAX_PROPERTIES_ADDED'],
  },
  {
    name: 'measurement count limits removed break an old reader',
    old: numbersBeside({ tag }, { minProperties: 1, maxProperties: 16 }),
    new: numbersBeside({ tag }),
    mode: 'FORWARD',
    compatible: false,
    changes: ['MIN_PROPERTIES_REMOVED', 'MAX_PROPERTIES_REMOVED'],
  },
  {
    name: 'requiring a flow unit whenever a flow is sent is not backward compatible',
    old: closed({ tag, flow, flowUnit: { type: 'string' } }),
    new: closed({ tag, flow, flowUnit: { type: 'string' } }, [], {
      dependentRequired: { flow: ['flowUnit'] },
    }),
    mode: 'BACKWARD',
    compatible: false,
    changes: ['DEPENDENCY_ARRAY_ADDED'],
  },
  {
    name: 'a draft-07 dependency that grows is not backward compatible',
    old: closed({ tag, flow, flowUnit: { type: 'string' }, quality }, [], {
      dependencies: { flow: ['flowUnit'] },
    }),
    new: closed({ tag, flow, flowUnit: { type: 'string' }, quality }, [], {
      dependencies: { flow: ['flowUnit', 'quality'] },
    }),
    mode: 'BACKWARD',
    compatible: false,
    changes: ['DEPENDENCY_ARRAY_EXTENDED'],
  },
  {
    name: 'a dependency that shrinks is backward compatible',
    old: closed({ tag, flow, flowUnit: { type: 'string' }, quality }, [], {
      dependentRequired: { flow: ['flowUnit', 'quality'] },
    }),
    new: closed({ tag, flow, flowUnit: { type: 'string' }, quality }, [], {
      dependentRequired: { flow: ['flowUnit'] },
    }),
    mode: 'BACKWARD',
    compatible: true,
    changes: ['DEPENDENCY_ARRAY_NARROWED'],
  },
  {
    name: 'a dependency that trades one name for another breaks both ways',
    old: closed({ tag, flow, flowUnit: { type: 'string' }, quality }, [], {
      dependentRequired: { flow: ['flowUnit'] },
    }),
    new: closed({ tag, flow, flowUnit: { type: 'string' }, quality }, [], {
      dependentRequired: { flow: ['quality'] },
    }),
    mode: 'FULL',
    compatible: false,
    changes: ['DEPENDENCY_ARRAY_CHANGED'],
  },
  {
    name: 'a dependency dropped is backward compatible',
    old: closed({ tag, flow, flowUnit: { type: 'string' } }, [], {
      dependentRequired: { flow: ['flowUnit'] },
    }),
    new: closed({ tag, flow, flowUnit: { type: 'string' } }),
    mode: 'BACKWARD',
    compatible: true,
    changes: ['DEPENDENCY_ARRAY_REMOVED'],
  },
  {
    name: 'a draft-07 dependency moved to dependentRequired is no change',
    old: closed({ tag, flow, flowUnit: { type: 'string' } }, [], { dependencies: { flow: ['flowUnit'] } }),
    new: closed({ tag, flow, flowUnit: { type: 'string' } }, [], {
      dependentRequired: { flow: ['flowUnit'] },
    }),
    mode: 'FULL',
    compatible: true,
    changes: [],
  },
  {
    name: 'a dependent schema added is not backward compatible',
    old: closed({ tag, flow, totalizer: { type: 'number' } }),
    new: closed({ tag, flow, totalizer: { type: 'number' } }, [], {
      dependentSchemas: { flow: { required: ['totalizer'] } },
    }),
    mode: 'BACKWARD',
    compatible: false,
    changes: ['DEPENDENCY_SCHEMA_ADDED'],
  },
  {
    name: 'a draft-07 schema dependency dropped is backward compatible',
    old: closed({ tag, flow, totalizer: { type: 'number' } }, [], {
      dependencies: { flow: { required: ['totalizer'] } },
    }),
    new: closed({ tag, flow, totalizer: { type: 'number' } }),
    mode: 'BACKWARD',
    compatible: true,
    changes: ['DEPENDENCY_SCHEMA_REMOVED'],
  },
  {
    name: 'a dependent schema that tightens a bound inside is not backward compatible',
    old: closed({ tag, flow }, [], {
      dependentSchemas: { flow: { properties: { flow: { maximum: 500 } } } },
    }),
    new: closed({ tag, flow }, [], {
      dependentSchemas: { flow: { properties: { flow: { maximum: 400 } } } },
    }),
    mode: 'BACKWARD',
    compatible: false,
    changes: ['MAXIMUM_DECREASED'],
  },
];
