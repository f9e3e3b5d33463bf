/**
 * Compatibility cases: `$ref` resolved by `$anchor` and by an `$id` embedded in the document (and
 * relative to the document's own `$id`), as draft 2020-12 resolves them and Confluent's library
 * follows them; the definition reached is compared, wherever the reference names it from.
 */
import type { CompatibilityCase } from './compatibility-case.types.js';
import { closed, tag } from './plant-schemas.js';

const bedTemperature = (maximum: number, id: Record<string, unknown>) => ({
  type: 'number',
  description: 'Bed temperature.',
  'x-unit': 'degC',
  maximum,
  ...id,
});

const byAnchor = (maximum: number, ref = '#bed') =>
  closed({ tag, bed: { $ref: ref } }, ['tag'], {
    $defs: { bed: bedTemperature(maximum, { $anchor: 'bed' }) },
  });

const byId = (maximum: number, ref: string) => ({
  ...closed({ tag, bed: { $ref: ref } }, ['tag'], {
    $defs: { bed: bedTemperature(maximum, { $id: 'types/bed-temperature.json' }) },
  }),
  $id: 'https://hub.example/contracts/scada/reactor.json',
});

export const REFERENCE_RESOLUTION_CASES: CompatibilityCase[] = [
  {
    name: 'a definition reached by $anchor that lowers its maximum breaks a new reader',
    old: byAnchor(650),
    new: byAnchor(600),
    mode: 'BACKWARD',
    compatible: false,
    changes: ['MAXIMUM_DECREASED'],
  },
  {
    name: 'a $ref rewritten from a JSON pointer to the $anchor of the same definition is no change',
    old: byAnchor(650, '#/$defs/bed'),
    new: byAnchor(650, '#bed'),
    mode: 'FULL',
    compatible: true,
    changes: [],
  },
  {
    name: 'a definition reached by its embedded $id, relative then absolute, is compared: a raised maximum is fine for a new reader',
    old: byId(600, 'types/bed-temperature.json'),
    new: byId(650, 'https://hub.example/contracts/scada/types/bed-temperature.json'),
    mode: 'BACKWARD',
    compatible: true,
    changes: ['MAXIMUM_INCREASED'],
  },
];
