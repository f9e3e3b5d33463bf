/** Compatibility cases: properties of an object whose content model is closed. */
import type { CompatibilityCase } from './compatibility-case.types.js';
import { temperature, pressure, tag, quality, closed } from './plant-schemas.js';

export const CLOSED_CONTENT_MODEL_CASES: CompatibilityCase[] = [
  {
    name: 'adding an optional pressure to a closed model is backward compatible',
    old: closed({ tag, temperature }, ['tag']),
    new: closed({ tag, temperature, pressure }, ['tag']),
    mode: 'BACKWARD',
    compatible: true,
    changes: ['OPTIONAL_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL'],
  },
  {
    name: 'adding an optional pressure to a closed model breaks an old closed reader',
    old: closed({ tag, temperature }, ['tag']),
    new: closed({ tag, temperature, pressure }, ['tag']),
    mode: 'FORWARD',
    compatible: false,
    changes: ['OPTIONAL_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL'],
  },
  {
    name: 'adding a required pressure to a closed model is not backward compatible',
    old: closed({ tag, temperature }, ['tag']),
    new: closed({ tag, temperature, pressure }, ['tag', 'pressure']),
    mode: 'BACKWARD',
    compatible: false,
    changes: ['REQUIRED_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL', 'REQUIRED_ATTRIBUTE_ADDED'],
  },
  {
    name: 'adding a required quality with a default to a closed model is backward compatible',
    old: closed({ tag, temperature }, ['tag']),
    new: closed({ tag, temperature, quality: { ...quality, default: 'good' } }, ['tag', 'quality']),
    mode: 'BACKWARD',
    compatible: true,
    changes: [
      'REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_UNOPEN_CONTENT_MODEL',
      'REQUIRED_ATTRIBUTE_WITH_DEFAULT_ADDED',
    ],
  },
  {
    name: 'removing pressure from a closed model breaks a new reader of old data',
    old: closed({ tag, temperature, pressure }, ['tag']),
    new: closed({ tag, temperature }, ['tag']),
    mode: 'BACKWARD',
    compatible: false,
    changes: ['PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL'],
  },
  {
    name: 'removing pressure from a closed model is still breaking in lenient mode',
    old: closed({ tag, temperature, pressure }, ['tag']),
    new: closed({ tag, temperature }, ['tag']),
    mode: 'BACKWARD',
    lenient: true,
    compatible: false,
    changes: ['PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL'],
  },
  {
    name: 'removing an optional pressure from a closed model is forward compatible',
    old: closed({ tag, temperature, pressure }, ['tag']),
    new: closed({ tag, temperature }, ['tag']),
    mode: 'FORWARD',
    compatible: true,
    changes: ['PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL'],
  },
];
