/** Compatibility cases: objects inside objects. */
import type { CompatibilityCase } from './compatibility-case.types.js';
import { temperature, pressure, closed } from './plant-schemas.js';

export const NESTED_OBJECT_CASES: CompatibilityCase[] = [
  {
    name: 'an optional pressure added to a closed inlet nested in the reactor is backward compatible',
    old: closed({ reactor: closed({ inlet: closed({ temperature }) }) }),
    new: closed({ reactor: closed({ inlet: closed({ temperature, pressure }) }) }),
    mode: 'BACKWARD',
    compatible: true,
    changes: ['OPTIONAL_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL'],
  },
  {
    name: 'a nested outlet temperature whose unit changed is breaking',
    old: closed({ reactor: closed({ outlet: closed({ temperature }) }) }),
    new: closed({ reactor: closed({ outlet: closed({ temperature: { ...temperature, 'x-unit': 'K' } }) }) }),
    mode: 'FORWARD',
    compatible: false,
    changes: ['UNIT_CHANGED'],
  },
];
