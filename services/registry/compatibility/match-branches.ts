/**
 * Pairs the branches of an old and a new allOf/anyOf/oneOf so that an edited branch is compared
 * with its own new version: first identical branches, then branches equal but for annotations,
 * then branches of the same `type`, then the rest in order. What is left is added or removed.
 * A branch repeated in the same list is one branch (as Confluent collapses them into a set): its
 * repeats are neither paired, added nor removed.
 */
import { isAnnotationKeyword, UNIT_KEYWORD } from './annotation-keywords.js';
import { canonicalJson } from '../../common/event-store/canonical-json.js';
import { isSchemaObject, type JsonSchema, type Located } from './json-schema.js';

export interface BranchMatch {
  pairs: [Located, Located][];
  added: Located[];
  /** Removed branches with their index in the old list. */
  removed: { branch: Located; index: number }[];
}

const KEYS: ((schema: JsonSchema) => string | undefined)[] = [
  (schema) => canonicalJson(schema),
  (schema) => canonicalJson(withoutAnnotations(schema)),
  (schema) => (isSchemaObject(schema) && schema.type !== undefined ? canonicalJson(schema.type) : undefined),
  () => 'any',
];

export function matchBranches(before: Located[], after: Located[]): BranchMatch {
  const partner = new Map<number, number>();
  const repeatsBefore = repeats(before);
  const taken = repeats(after);
  for (const key of KEYS) {
    before.forEach((oldBranch, i) => {
      if (partner.has(i) || repeatsBefore.has(i)) return;
      const oldKey = key(oldBranch.schema);
      if (oldKey === undefined) return;
      const j = after.findIndex((newBranch, index) => !taken.has(index) && key(newBranch.schema) === oldKey);
      if (j < 0) return;
      partner.set(i, j);
      taken.add(j);
    });
  }
  const pairs: [Located, Located][] = [];
  const removed: BranchMatch['removed'] = [];
  before.forEach((branch, index) => {
    if (repeatsBefore.has(index)) return;
    const j = partner.get(index);
    if (j === undefined) removed.push({ branch, index });
    else pairs.push([branch, after[j] as Located]);
  });
  return { pairs, added: after.filter((_, index) => !taken.has(index)), removed };
}

/** Indexes of branches identical to an earlier branch of the same list. */
function repeats(branches: Located[]): Set<number> {
  const seen = new Set<string>();
  const out = new Set<number>();
  branches.forEach((branch, index) => {
    const key = canonicalJson(branch.schema);
    if (seen.has(key)) out.add(index);
    seen.add(key);
  });
  return out;
}

/** How many different branches a list has. */
export function distinctCount(branches: Located[]): number {
  return branches.length - repeats(branches).size;
}

function withoutAnnotations(schema: JsonSchema): JsonSchema {
  if (!isSchemaObject(schema)) return schema;
  return Object.fromEntries(
    Object.entries(schema).filter(([keyword]) => !isAnnotationKeyword(keyword) && keyword !== UNIT_KEYWORD),
  );
}
