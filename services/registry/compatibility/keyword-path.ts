/**
 * Where a change to one keyword of a node is reported: in the node itself, or at the `$ref` site
 * when the keyword was written beside the `$ref` (`{"$ref": "#/$defs/temperature", "x-unit": "K"}`).
 */
import { childPointer } from './json-pointer.js';
import type { Located } from './json-schema.js';

export function keywordPath(node: Located, keyword: string): string {
  const site = node.overlay;
  return childPointer(site && site.keywords.has(keyword) ? site.loc : node.loc, keyword);
}
