/**
 * Numeric limits: maximum and minimum (inclusive and exclusive), and the limits on length, item
 * count and property count. Raising an upper limit or removing it widens; lowering or adding one
 * narrows; the mirror for lower limits. Each keyword's change is reported on its own (as Confluent
 * names them), but whether a change to maximum/exclusiveMaximum (minimum/exclusiveMinimum) widens or
 * narrows is decided by the limit the two make together: trading `maximum: 100` for
 * `exclusiveMaximum: 101` widens, and adding draft-04's `exclusiveMaximum: true` beside the same
 * `maximum` narrows (Confluent's library reads the draft-04 flag as no change at all).
 */
import type { ChangeType } from './change-types.js';
import type { Effect } from './effect.js';
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
    const numeric = NUMERIC_LIMITS.has(keyword) ? limitEffect(before, after, upper) : undefined;
    if (was === undefined) ctx.emit(change('ADDED'), path, numeric ?? 'narrows');
    else if (is === undefined) ctx.emit(change('REMOVED'), path, numeric ?? 'widens');
    else if (is > was) ctx.emit(change('INCREASED'), path, numeric ?? (upper ? 'widens' : 'narrows'));
    else ctx.emit(change('DECREASED'), path, numeric ?? (upper ? 'narrows' : 'widens'));
  }
  compareMultipleOf(ctx, oldNode, newNode);
}

const NUMERIC_LIMITS = new Set(['maximum', 'exclusiveMaximum', 'minimum', 'exclusiveMinimum']);

interface Limit {
  value: number;
  exclusive: boolean;
}

/** The upper (or lower) limit that a maximum and an exclusiveMaximum (minimum, exclusiveMinimum) make together. */
function numericLimit(bounds: Map<string, number | undefined>, upper: boolean): Limit | undefined {
  const inclusive = bounds.get(upper ? 'maximum' : 'minimum');
  const exclusive = bounds.get(upper ? 'exclusiveMaximum' : 'exclusiveMinimum');
  if (exclusive === undefined)
    return inclusive === undefined ? undefined : { value: inclusive, exclusive: false };
  if (inclusive === undefined) return { value: exclusive, exclusive: true };
  const exclusiveIsTighter = upper ? exclusive <= inclusive : exclusive >= inclusive;
  return exclusiveIsTighter ? { value: exclusive, exclusive: true } : { value: inclusive, exclusive: false };
}

/** Whether the combined limit on one side moved in (narrows), out (widens) or stayed (neutral). */
function limitEffect(
  before: Map<string, number | undefined>,
  after: Map<string, number | undefined>,
  upper: boolean,
): Effect {
  const was = numericLimit(before, upper);
  const is = numericLimit(after, upper);
  if (!was && !is) return 'neutral';
  if (!was) return 'narrows';
  if (!is) return 'widens';
  if (was.value !== is.value)
    return (upper ? is.value < was.value : is.value > was.value) ? 'narrows' : 'widens';
  if (was.exclusive === is.exclusive) return 'neutral';
  return is.exclusive ? 'narrows' : 'widens';
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
