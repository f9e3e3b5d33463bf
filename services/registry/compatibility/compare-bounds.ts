/**
 * Numeric limits: maximum and minimum (inclusive and exclusive), and the limits on length, item
 * count and property count. Raising an upper limit or removing it widens; lowering or adding one
 * narrows; the mirror for lower limits. Each keyword is compared on its own (Confluent does the
 * same), so trading `maximum: 100` for `exclusiveMaximum: 101` reads as one removal and one addition.
 */
import type { ChangeType } from './change-types.js';
import { childPointer } from './json-pointer.js';
import { keywordPath } from './keyword-path.js';
import { invalidSchema } from './invalid-schema.js';
import type { LocatedObject } from './json-schema.js';
import { numberKeyword } from './schema-keywords.js';
import type { WalkContext } from './walk-context.js';

type BoundName =
  | 'MAXIMUM'
  | 'MINIMUM'
  | 'EXCLUSIVE_MAXIMUM'
  | 'EXCLUSIVE_MINIMUM'
  | 'MAX_LENGTH'
  | 'MIN_LENGTH'
  | 'MAX_ITEMS'
  | 'MIN_ITEMS'
  | 'MAX_PROPERTIES'
  | 'MIN_PROPERTIES';

const BOUNDS: { keyword: string; name: BoundName; upper: boolean }[] = [
  { keyword: 'maximum', name: 'MAXIMUM', upper: true },
  { keyword: 'minimum', name: 'MINIMUM', upper: false },
  { keyword: 'exclusiveMaximum', name: 'EXCLUSIVE_MAXIMUM', upper: true },
  { keyword: 'exclusiveMinimum', name: 'EXCLUSIVE_MINIMUM', upper: false },
  { keyword: 'maxLength', name: 'MAX_LENGTH', upper: true },
  { keyword: 'minLength', name: 'MIN_LENGTH', upper: false },
  { keyword: 'maxItems', name: 'MAX_ITEMS', upper: true },
  { keyword: 'minItems', name: 'MIN_ITEMS', upper: false },
  { keyword: 'maxProperties', name: 'MAX_PROPERTIES', upper: true },
  { keyword: 'minProperties', name: 'MIN_PROPERTIES', upper: false },
];

export function compareBounds(ctx: WalkContext, oldNode: LocatedObject, newNode: LocatedObject): void {
  const before = boundsOf(oldNode);
  const after = boundsOf(newNode);
  for (const { keyword, name, upper } of BOUNDS) {
    const was = before.get(keyword);
    const is = after.get(keyword);
    if (was === is) continue;
    const path = keywordPath(newNode, keyword);
    const change = (suffix: 'ADDED' | 'REMOVED' | 'INCREASED' | 'DECREASED'): ChangeType =>
      `${name}_${suffix}`;
    if (was === undefined) ctx.emit(change('ADDED'), path, 'narrows');
    else if (is === undefined) ctx.emit(change('REMOVED'), path, 'widens');
    else if (is > was) ctx.emit(change('INCREASED'), path, upper ? 'widens' : 'narrows');
    else ctx.emit(change('DECREASED'), path, upper ? 'narrows' : 'widens');
  }
  compareMultipleOf(ctx, oldNode, newNode);
}

/** A value is valid under the new multipleOf for every old one when the old step is a multiple of the new. */
function compareMultipleOf(ctx: WalkContext, oldNode: LocatedObject, newNode: LocatedObject): void {
  const was = positive(oldNode, 'multipleOf');
  const is = positive(newNode, 'multipleOf');
  if (was === is) return;
  const path = keywordPath(newNode, 'multipleOf');
  if (was === undefined) ctx.emit('MULTIPLE_OF_ADDED', path, 'narrows');
  else if (is === undefined) ctx.emit('MULTIPLE_OF_REMOVED', path, 'widens');
  else if (isMultiple(was, is)) ctx.emit('MULTIPLE_OF_REDUCED', path, 'widens');
  else if (isMultiple(is, was)) ctx.emit('MULTIPLE_OF_EXPANDED', path, 'narrows');
  else ctx.emit('MULTIPLE_OF_CHANGED', path, 'changes');
}

// Steps such as 0.1 are not exact in binary, so "a multiple of" allows a rounding error.
function isMultiple(value: number, step: number): boolean {
  const quotient = value / step;
  return Math.abs(quotient - Math.round(quotient)) < 1e-9 * Math.max(1, Math.abs(quotient));
}

function positive(node: LocatedObject, keyword: string): number | undefined {
  const value = numberKeyword(node, keyword);
  if (value !== undefined && value <= 0) {
    throw invalidSchema(node, childPointer(node.loc, keyword), `${keyword} must be greater than 0`);
  }
  return value;
}

/**
 * The limits of one schema. Draft-04's boolean exclusiveMaximum/exclusiveMinimum (a flag on
 * maximum/minimum) is read as the number form drafts 06 and later use.
 */
function boundsOf(node: LocatedObject): Map<string, number | undefined> {
  const bounds = new Map<string, number | undefined>();
  for (const { keyword } of BOUNDS) {
    if (typeof node.schema[keyword] !== 'boolean') bounds.set(keyword, numberKeyword(node, keyword));
  }
  for (const [flag, limit] of [
    ['exclusiveMaximum', 'maximum'],
    ['exclusiveMinimum', 'minimum'],
  ] as const) {
    if (node.schema[flag] === true) {
      bounds.set(flag, bounds.get(limit));
      bounds.set(limit, undefined);
    } else if (node.schema[flag] === false) bounds.set(flag, undefined);
  }
  return bounds;
}
