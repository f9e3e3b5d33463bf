/**
 * Compatibility cases: `items` and `additionalItems` as booleans and as schemas, in draft 2020-12
 * (prefixItems + items) and draft-07 (items array + additionalItems) form. As Confluent decides:
 * allowing more items (false to true, a schema dropped) is fine for a new reader; forbidding them
 * or constraining them breaks it.
 */
import type { CompatibilityCase } from './compatibility-case.types.js';
import { reading } from './plant-schemas.js';

const setpoint = { type: 'number', 'x-unit': 'degC' };
const tail = (keywords: Record<string, unknown>) =>
  reading('profile', { type: 'array', description: 'Setpoint, then ramp steps.', ...keywords });

export const ARRAY_ITEM_BOOLEAN_CASES: CompatibilityCase[] = [
  {
    name: 'a tuple that allows extra items (items false to true) is fine for a new reader',
    old: tail({ prefixItems: [setpoint], items: false }),
    new: tail({ prefixItems: [setpoint], items: true }),
    mode: 'BACKWARD',
    compatible: true,
    changes: ['ITEMS_EXTENDED'],
  },
  {
    name: 'a tuple that forbids extra items (items true to false) breaks a new reader of old data',
    old: tail({ prefixItems: [setpoint], items: true }),
    new: tail({ prefixItems: [setpoint], items: false }),
    mode: 'BACKWARD',
    compatible: false,
    changes: ['ITEMS_NARROWED'],
  },
  {
    name: 'a schema for the extra items of a tuple breaks a new reader',
    old: tail({ prefixItems: [setpoint] }),
    new: tail({ prefixItems: [setpoint], items: { type: 'number', 'x-unit': 'K/min' } }),
    mode: 'BACKWARD',
    compatible: false,
    changes: ['ITEMS_NARROWED'],
  },
  {
    name: 'draft-07 additionalItems false to a schema allows extra items: fine for a new reader',
    old: tail({ items: [setpoint], additionalItems: false }),
    new: tail({ items: [setpoint], additionalItems: { type: 'number', 'x-unit': 'K/min' } }),
    mode: 'BACKWARD',
    compatible: true,
    changes: ['ADDITIONAL_ITEMS_EXTENDED'],
  },
  {
    name: 'draft-07 additionalItems from a schema to false breaks a new reader',
    old: tail({ items: [setpoint], additionalItems: { type: 'number', 'x-unit': 'K/min' } }),
    new: tail({ items: [setpoint], additionalItems: false }),
    mode: 'BACKWARD',
    compatible: false,
    changes: ['ADDITIONAL_ITEMS_NARROWED'],
  },
  {
    name: 'draft-07 additionalItems true written out or left away is the same',
    old: tail({ items: [setpoint], additionalItems: true }),
    new: tail({ items: [setpoint] }),
    mode: 'FULL',
    compatible: true,
    changes: [],
  },
  {
    name: 'list items from a schema to true accept anything: an old reader cannot take them',
    old: tail({ items: setpoint }),
    new: tail({ items: true }),
    mode: 'FORWARD',
    compatible: false,
    changes: ['ITEMS_EXTENDED'],
  },
];
