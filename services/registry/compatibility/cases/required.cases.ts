/** Compatibility cases: required properties added and removed, with and without defaults. */
import type { CompatibilityCase } from './compatibility-case.types.js';
import { tag, quality, closed } from './plant-schemas.js';

export const REQUIRED_CASES: CompatibilityCase[] = [
  {
    name: 'making an existing quality required breaks a new reader of old data without it',
    old: closed({ tag, quality }, ['tag']),
    new: closed({ tag, quality }, ['tag', 'quality']),
    mode: 'BACKWARD',
    compatible: false,
    changes: ['REQUIRED_ATTRIBUTE_ADDED'],
  },
  {
    name: 'making an existing quality required is fine when it has a default',
    old: closed({ tag, quality }, ['tag']),
    new: closed({ tag, quality: { ...quality, default: 'good' } }, ['tag', 'quality']),
    mode: 'BACKWARD',
    compatible: true,
    changes: ['REQUIRED_ATTRIBUTE_WITH_DEFAULT_ADDED', 'DEFAULT_CHANGED'],
  },
  {
    name: 'making quality required is forward compatible',
    old: closed({ tag, quality }, ['tag']),
    new: closed({ tag, quality }, ['tag', 'quality']),
    mode: 'FORWARD',
    compatible: true,
    changes: ['REQUIRED_ATTRIBUTE_ADDED'],
  },
  {
    name: 'no longer requiring quality is backward compatible',
    old: closed({ tag, quality }, ['tag', 'quality']),
    new: closed({ tag, quality }, ['tag']),
    mode: 'BACKWARD',
    compatible: true,
    changes: ['REQUIRED_ATTRIBUTE_REMOVED'],
  },
  {
    name: 'no longer requiring quality breaks an old reader that needs it',
    old: closed({ tag, quality }, ['tag', 'quality']),
    new: closed({ tag, quality }, ['tag']),
    mode: 'FORWARD',
    compatible: false,
    changes: ['REQUIRED_ATTRIBUTE_REMOVED'],
  },
];
