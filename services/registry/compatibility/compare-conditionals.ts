/**
 * if/then/else. With the same `if` on both sides (or an `if` on one side only, the other being a
 * schema without a condition, which is `then: true, else: true`), an instance takes the same branch
 * under both schemas, so `then` is compared with `then` and `else` with `else`, each absent one
 * being `true`. A changed, added or removed `if` moves instances between branches, which the checker
 * does not reason about: it is reported as UNCHECKED_KEYWORD_CHANGED, breaking in both directions, as
 * Apicurio Registry rules. (Confluent's library ignores if/then/else, which would pass breaking edits.)
 */
import { childPointer } from './json-pointer.js';
import { keywordPath } from './keyword-path.js';
import type { Located, LocatedObject } from './json-schema.js';
import { sameJson } from './same-json.js';
import type { WalkContext } from './walk-context.js';

export function compareConditionals(ctx: WalkContext, oldNode: LocatedObject, newNode: LocatedObject): void {
  const [oldIf, newIf] = [oldNode.schema.if, newNode.schema.if];
  if (oldIf === undefined && newIf === undefined) return; // then/else without if do nothing
  if (oldIf !== undefined && newIf !== undefined && !sameJson(oldIf, newIf)) {
    ctx.emit('UNCHECKED_KEYWORD_CHANGED', keywordPath(newNode, 'if'), 'changes');
    return;
  }
  // A condition added or removed: breaking both ways, as Apicurio Registry rules (IF_SCHEMA_ADDED,
  // IF_SCHEMA_REMOVED); the branches are still compared below so the reviewer sees what they require.
  if (oldIf === undefined || newIf === undefined) {
    ctx.emit(
      'UNCHECKED_KEYWORD_CHANGED',
      keywordPath(newIf === undefined ? oldNode : newNode, 'if'),
      'changes',
    );
  }
  for (const keyword of ['then', 'else'] as const) {
    const before = oldIf === undefined ? undefined : oldNode.schema[keyword];
    const after = newIf === undefined ? undefined : newNode.schema[keyword];
    if (before === undefined && after === undefined) continue;
    ctx.walk(branch(oldNode, keyword, before), branch(newNode, keyword, after));
  }
}

/** A conditional branch as a node of its own; an absent one accepts everything. */
export function branch(node: LocatedObject, keyword: string, schema: unknown): Located {
  return {
    root: node.root,
    side: node.side,
    schema: (schema ?? true) as Located['schema'],
    loc: childPointer(node.loc, keyword),
  };
}
