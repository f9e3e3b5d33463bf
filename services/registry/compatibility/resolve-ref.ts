/**
 * Follows a local `$ref` (`#`, `#/$defs/...`, `#/definitions/...`, any pointer into the same
 * document) against the node's own root. Keywords written next to the `$ref` are laid over the
 * target, as draft 2020-12 applies both (the usual case is a description or an x-unit at the use site).
 */
import { childPointer, valueAtPointer } from './json-pointer.js';
import { invalidSchema } from './invalid-schema.js';
import { isJsonSchema, isSchemaObject, type Located } from './json-schema.js';

export function isRefSite(node: Located): boolean {
  return isSchemaObject(node.schema) && node.schema.$ref !== undefined;
}

export function resolveRef(site: Located): Located {
  let node = site;
  let overlay: Located['overlay'];
  const followed = new Set<string>();
  while (isSchemaObject(node.schema) && node.schema.$ref !== undefined) {
    const { $ref: ref, ...siblings } = node.schema;
    const pointer = childPointer(node.loc, '$ref');
    if (typeof ref !== 'string') throw invalidSchema(node, pointer, '$ref must be a string');
    if (ref !== '#' && !ref.startsWith('#/')) {
      throw invalidSchema(
        node,
        pointer,
        `only local $refs by JSON pointer are supported (#/$defs/..., #/definitions/...), not ${ref}`,
      );
    }
    // A chain of $refs that comes back to itself never reaches a schema.
    if (followed.has(ref)) throw invalidSchema(node, pointer, `$ref ${ref} refers to itself`);
    followed.add(ref);
    const target = valueAtPointer(node.root, ref);
    if (target === undefined) throw invalidSchema(node, pointer, `$ref ${ref} names nothing in this schema`);
    if (!isJsonSchema(target)) throw invalidSchema(node, pointer, `$ref ${ref} does not name a schema`);
    const schema =
      Object.keys(siblings).length === 0 || target === false
        ? target
        : { ...(target === true ? {} : target), ...siblings };
    overlay ??=
      Object.keys(siblings).length > 0
        ? { loc: node.loc, keywords: new Set(Object.keys(siblings)) }
        : undefined;
    node = { root: node.root, side: node.side, schema, loc: ref };
  }
  return overlay ? { ...node, overlay } : node;
}
