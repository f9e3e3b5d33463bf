/**
 * Follows a `$ref` into the same document (a JSON pointer, an `$anchor`, or an `$id` embedded in it:
 * local-ref-target.ts) against the node's own root. Keywords written next to the `$ref` are laid over the
 * target, as draft 2020-12 applies both (the usual case is a description or an x-unit at the use site).
 */
import { childPointer, valueAtPointer } from './json-pointer.js';
import { invalidSchema } from './invalid-schema.js';
import { isJsonSchema, isSchemaObject, type Located } from './json-schema.js';
import { localRefTarget } from './local-ref-target.js';

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
    const local = localRefTarget(node.root, ref);
    if (local === undefined) {
      throw invalidSchema(
        node,
        pointer,
        `$ref ${ref} names no schema in this document: only references inside it are followed ` +
          '(JSON pointers, $anchor names, embedded $id), never another document',
      );
    }
    // A chain of $refs that comes back to itself never reaches a schema.
    if (followed.has(local)) throw invalidSchema(node, pointer, `$ref ${ref} refers to itself`);
    followed.add(local);
    const target = valueAtPointer(node.root, local);
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
    node = { root: node.root, side: node.side, schema, loc: local };
  }
  return overlay ? { ...node, overlay } : node;
}
