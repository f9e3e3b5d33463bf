/**
 * `pattern`, `format`, `contentEncoding` and `contentMediaType`. A pattern cannot be compared with
 * another by meaning, so any change of one is breaking both ways; adding one narrows, removing one
 * widens. The hub validates formats (date-time, ...), so `format` is treated as a constraint, not an
 * annotation. The content keywords are not validated, but they say how to read the string (base64,
 * image/png): a reader that decodes by them breaks when they change, so they are treated as
 * constraints too, as Apicurio Registry does (Confluent's library ignores them).
 */
import type { ChangeType } from './change-types.js';
import { keywordPath } from './keyword-path.js';
import type { LocatedObject } from './json-schema.js';
import { stringKeyword } from './schema-keywords.js';
import type { WalkContext } from './walk-context.js';

const KEYWORDS: {
  keyword: string;
  name: 'PATTERN' | 'FORMAT' | 'CONTENT_ENCODING' | 'CONTENT_MEDIA_TYPE';
}[] = [
  { keyword: 'pattern', name: 'PATTERN' },
  { keyword: 'format', name: 'FORMAT' },
  { keyword: 'contentEncoding', name: 'CONTENT_ENCODING' },
  { keyword: 'contentMediaType', name: 'CONTENT_MEDIA_TYPE' },
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
