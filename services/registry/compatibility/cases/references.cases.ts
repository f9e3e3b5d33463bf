/** Compatibility cases: $ref to local definitions. */
import type { CompatibilityCase } from './compatibility-case.types.js';
import { temperature, tag, closed } from './plant-schemas.js';

export const REFERENCE_CASES: CompatibilityCase[] = [
  {
    name: 'a draft-07 definition whose maximum was raised is backward compatible',
    old: {
      definitions: { temperature: { ...temperature, maximum: 600 } },
      ...closed({ inlet: { $ref: '#/definitions/temperature' } }),
    },
    new: {
      definitions: { temperature: { ...temperature, maximum: 650 } },
      ...closed({ inlet: { $ref: '#/definitions/temperature' } }),
    },
    mode: 'BACKWARD',
    compatible: true,
    changes: ['MAXIMUM_INCREASED'],
  },
  {
    name: 'a $defs definition whose maximum was lowered is not backward compatible',
    old: {
      $defs: { temperature: { ...temperature, maximum: 600 } },
      ...closed({ inlet: { $ref: '#/$defs/temperature' } }),
    },
    new: {
      $defs: { temperature: { ...temperature, maximum: 550 } },
      ...closed({ inlet: { $ref: '#/$defs/temperature' } }),
    },
    mode: 'BACKWARD',
    compatible: false,
    changes: ['MAXIMUM_DECREASED'],
  },
  {
    name: 'an inline temperature moved into $defs unchanged is no change',
    old: closed({ inlet: temperature, outlet: temperature }),
    new: {
      $defs: { temperature },
      ...closed({ inlet: { $ref: '#/$defs/temperature' }, outlet: { $ref: '#/$defs/temperature' } }),
    },
    mode: 'FULL',
    compatible: true,
    changes: [],
  },
  {
    name: 'a unit changed in a shared definition is breaking once for all its uses',
    old: {
      $defs: { temperature },
      ...closed({ inlet: { $ref: '#/$defs/temperature' }, outlet: { $ref: '#/$defs/temperature' } }),
    },
    new: {
      $defs: { temperature: { ...temperature, 'x-unit': 'K' } },
      ...closed({ inlet: { $ref: '#/$defs/temperature' }, outlet: { $ref: '#/$defs/temperature' } }),
    },
    mode: 'BACKWARD',
    compatible: false,
    changes: ['UNIT_CHANGED'],
  },
  {
    name: 'a change deep in a recursive equipment tree is found',
    old: {
      $defs: {
        equipment: closed({ tag, children: { type: 'array', items: { $ref: '#/$defs/equipment' } } }, [
          'tag',
        ]),
      },
      $ref: '#/$defs/equipment',
    },
    new: {
      $defs: {
        equipment: closed(
          {
            tag: { ...tag, maxLength: 16 },
            children: { type: 'array', items: { $ref: '#/$defs/equipment' } },
          },
          ['tag'],
        ),
      },
      $ref: '#/$defs/equipment',
    },
    mode: 'BACKWARD',
    compatible: false,
    changes: ['MAX_LENGTH_ADDED'],
  },
];
