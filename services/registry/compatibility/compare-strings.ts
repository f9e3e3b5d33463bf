/**
 * `pattern` and `format`. A pattern cannot be compared with another by meaning, so any change of
 * one is breaking both ways; adding one narrows, removing one widens. The hub validates formats
 * (date-time, ...), so `format` is treated as a constraint, not an annotation.
 */
import type { ChangeType } from './change-types.js';
import { keywordPath } from './keyword-path.js';
import type { LocatedObject } from './json-schema.js';
import { stringKeyword } from './schema-keywords.js';
import type { WalkContext } from './walk-context.js';

const KEYWORDS: { keyword: string; name: 'PATTERN' | 'FORMAT' }[] = [
  { keyword: 'pattern', name: 'PATTERN' },
  { keyword: 'format', name: 'FORMAT' },
];

export function compareStrings(ctx: WalkContext, oldNode: LocatedObject, newNode: LocatedObject): void {
  for (const { keyword, name } of KEYWORDS) {
    const was = stringKeyword(oldNode, keyword);
    const is = stringKeyword(newNode, keyword);
    if (was === is) continue;
    const path = keywordPath(newNode, keyword);
    const change = (suffix: 'ADDED' | 'CHANGED' | 'REMOVED'): ChangeType => `${name}_${suffix}`;
    if (was === undefined) ctx.emit(change('ADDED'), path, 'narrows');
    else if (is === undefined) ctx.emit(change('REMOVED'), path, 'widens');
    else ctx.emit(change('CHANGED'), path, 'changes');
  }
}
