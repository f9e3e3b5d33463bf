/**
 * allOf, anyOf and oneOf. A sum (anyOf/oneOf) accepts what any branch accepts: a branch added
 * widens it, a branch removed narrows it. A product (allOf) accepts what every branch accepts: the
 * reverse. oneOf's "exactly one" is not analysed: it is read as anyOf, as Confluent does.
 */
import { DEFINITION_KEYWORDS, isAnnotationKeyword, UNIT_KEYWORD } from './annotation-keywords.js';
import type { ChangeType } from './change-types.js';
import type { Effect } from './effect.js';
import { childPointer } from './json-pointer.js';
import { keywordPath } from './keyword-path.js';
import type { Located, LocatedObject } from './json-schema.js';
import { distinctCount, matchBranches } from './match-branches.js';
import { schemaListKeyword } from './schema-keywords.js';
import type { WalkContext } from './walk-context.js';

export const COMBINATORS = ['allOf', 'anyOf', 'oneOf'] as const;
type Combinator = (typeof COMBINATORS)[number];

/**
 * A schema that turns into a bare combination, or back: `{type: number}` to `{anyOf: [{type:
 * number}, {type: null}]}` is one branch added (SUM_TYPE_EXTENDED), not a type removed and an anyOf
 * added. The plain side is compared as the single branch of the other's combination. Returns
 * whether the pair was compared that way.
 */
export function compareAsBranches(ctx: WalkContext, oldNode: LocatedObject, newNode: LocatedObject): boolean {
  const [before, after] = [combinatorsOf(oldNode), combinatorsOf(newNode)];
  const [wasKeyword, isKeyword] = [before[0], after[0]];
  if (before.length === 0 && after.length === 1 && isKeyword && isBare(newNode, isKeyword)) {
    compareBranches(
      ctx,
      isKeyword,
      [assertionsOf(oldNode)],
      schemaListKeyword(newNode, isKeyword) ?? [],
      newNode,
    );
    return true;
  }
  if (after.length === 0 && before.length === 1 && wasKeyword && isBare(oldNode, wasKeyword)) {
    compareBranches(
      ctx,
      wasKeyword,
      schemaListKeyword(oldNode, wasKeyword) ?? [],
      [assertionsOf(newNode)],
      newNode,
    );
    return true;
  }
  return false;
}

export function compareCombinations(ctx: WalkContext, oldNode: LocatedObject, newNode: LocatedObject): void {
  const [before, after] = [combinatorsOf(oldNode), combinatorsOf(newNode)];
  const [wasKeyword, isKeyword] = [before[0], after[0]];
  if (before.length === 1 && after.length === 1 && wasKeyword && isKeyword && wasKeyword !== isKeyword) {
    compareCriterion(ctx, wasKeyword, isKeyword, oldNode, newNode);
    return;
  }
  for (const keyword of COMBINATORS) {
    const was = schemaListKeyword(oldNode, keyword);
    const is = schemaListKeyword(newNode, keyword);
    if (was && is) compareBranches(ctx, keyword, was, is, newNode);
    else if (is) ctx.emit('COMBINED_TYPE_ADDED', keywordPath(newNode, keyword), 'narrows');
    else if (was) ctx.emit('COMBINED_TYPE_REMOVED', keywordPath(newNode, keyword), 'widens');
  }
}

function compareBranches(
  ctx: WalkContext,
  keyword: Combinator,
  before: Located[],
  after: Located[],
  newNode: LocatedObject,
): void {
  const product = keyword === 'allOf';
  const { pairs, added, removed } = matchBranches(before, after);
  for (const [oldBranch, newBranch] of pairs) ctx.walk(oldBranch, newBranch);
  for (const branch of added) {
    ctx.emit(
      product ? 'PRODUCT_TYPE_EXTENDED' : 'SUM_TYPE_EXTENDED',
      branch.loc,
      product ? 'narrows' : 'widens',
    );
  }
  for (const { index } of removed) {
    ctx.emit(
      product ? 'PRODUCT_TYPE_NARROWED' : 'SUM_TYPE_NARROWED',
      childPointer(newNode.loc, keyword, index),
      product ? 'widens' : 'narrows',
    );
  }
}

// Over the same branches: "all" implies "any", and "exactly one" implies "any".
const CRITERION_CHANGES: Record<string, [ChangeType, Effect]> = {
  'oneOf anyOf': ['COMBINED_TYPE_EXTENDED', 'widens'],
  'allOf anyOf': ['COMBINED_TYPE_EXTENDED', 'widens'],
  'anyOf oneOf': ['COMBINED_TYPE_NARROWED', 'narrows'],
  'anyOf allOf': ['COMBINED_TYPE_NARROWED', 'narrows'],
};

function compareCriterion(
  ctx: WalkContext,
  from: Combinator,
  to: Combinator,
  oldNode: LocatedObject,
  newNode: LocatedObject,
): void {
  const path = childPointer(newNode.loc, to);
  const was = schemaListKeyword(oldNode, from) ?? [];
  const is = schemaListKeyword(newNode, to) ?? [];
  // A combination of one branch is that branch, whatever its keyword (Confluent: a singleton
  // anyOf/allOf may become a oneOf, and a singleton any of them a singleton allOf): the keyword
  // change is no change, and the branches are compared as the new keyword combines them.
  if (distinctCount(was) === 1 && (to !== 'allOf' || distinctCount(is) === 1)) {
    ctx.emit('COMBINED_TYPE_EXTENDED', path, 'neutral');
    compareBranches(ctx, to, was, is, newNode);
    return;
  }
  const known = CRITERION_CHANGES[`${from} ${to}`];
  if (known) {
    // A keyword that implies the other (all/exactly one -> any, any -> exactly one/all): the keyword
    // change is one effect, and the branches are compared as the new keyword combines them, so a
    // oneOf that becomes an anyOf with one more branch is extended twice (Confluent: compatible).
    ctx.emit(known[0], path, known[1]);
    compareBranches(ctx, to, was, is, newNode);
    return;
  }
  ctx.emit('COMBINED_TYPE_CHANGED', path, 'changes');
  const { pairs, added, removed } = matchBranches(was, is);
  const same =
    added.length === 0 &&
    removed.length === 0 &&
    pairs.every(
      ([o, n]) => ctx.compatible(o, n, 'backward', false) && ctx.compatible(o, n, 'forward', false),
    );
  if (!same) ctx.emit('COMBINED_TYPE_SUBSCHEMAS_CHANGED', path, 'changes');
}

function combinatorsOf(node: LocatedObject): Combinator[] {
  return COMBINATORS.filter((keyword) => node.schema[keyword] !== undefined);
}

function isBare(node: LocatedObject, keyword: Combinator): boolean {
  return Object.keys(node.schema).every((key) => key === keyword || isDescriptive(key));
}

/** The plain side as a branch: its constraints; its annotations and unit stay where they were. */
function assertionsOf(node: LocatedObject): LocatedObject {
  const schema = Object.fromEntries(Object.entries(node.schema).filter(([key]) => !isDescriptive(key)));
  return { ...node, schema };
}

function isDescriptive(keyword: string): boolean {
  return isAnnotationKeyword(keyword) || keyword === UNIT_KEYWORD || DEFINITION_KEYWORDS.has(keyword);
}
