/**
 * Where a `$ref` points inside the document it is written in, as a local JSON pointer: a pointer
 * fragment (`#/$defs/temperature`), an `$anchor` (`#temperature`), or the `$id` of the document or
 * of a schema embedded in it, resolved against the enclosing `$id`s as draft 2020-12 says
 * (`urn:dx:types:temperature`, `temperature.json`, `https://hub/schemas/r.json#/$defs/t`).
 * Anything else (another document) is undefined: the checker compares one document with another
 * and fetches nothing.
 */
import { childPointer } from './json-pointer.js';
import { isSchemaObject, type JsonSchema } from './json-schema.js';

/** The base of a document without `$id`, so relative references still resolve inside it. */
const DOCUMENT_BASE = 'https://schema.invalid/document.json';
/** Keywords whose values are data, not schemas: an `$id` inside them is not one. */
const DATA_KEYWORDS = new Set(['enum', 'const', 'default', 'examples', 'example']);

interface RefIndex {
  base: string;
  /** Resource URI (no fragment) to the pointer of the schema that declares it. */
  resources: Map<string, string>;
  /** `<resource>#<anchor>` to the pointer of the schema that declares it. */
  anchors: Map<string, string>;
}

const indexes = new WeakMap<object, RefIndex>();

export function localRefTarget(root: JsonSchema, ref: string): string | undefined {
  if (ref === '#' || ref.startsWith('#/')) return ref;
  if (!isSchemaObject(root)) return undefined;
  const index = indexOf(root);
  const url = resolve(ref, index.base);
  if (!url) return undefined;
  const fragment = url.hash;
  url.hash = '';
  const resource = index.resources.get(url.href);
  if (resource === undefined) return undefined;
  if (fragment === '' || fragment === '#') return resource;
  if (fragment.startsWith('#/')) return `${resource}${fragment.slice(1)}`;
  return index.anchors.get(`${url.href}${decodeFragment(fragment)}`);
}

function indexOf(root: object): RefIndex {
  let index = indexes.get(root);
  if (!index) {
    const rootId = (root as { $id?: unknown }).$id;
    const base = (typeof rootId === 'string' && resolve(rootId, DOCUMENT_BASE)?.href) || DOCUMENT_BASE;
    index = { base: withoutFragment(base), resources: new Map(), anchors: new Map() };
    walk(root, '#', index.base, index);
    index.resources.set(index.base, '#');
    indexes.set(root, index);
  }
  return index;
}

function walk(node: unknown, pointer: string, base: string, index: RefIndex): void {
  if (Array.isArray(node)) {
    node.forEach((item, i) => walk(item, childPointer(pointer, i), base, index));
    return;
  }
  if (!isSchemaObject(node)) return;
  let here = base;
  if (typeof node.$id === 'string' && pointer !== '#') {
    const url = resolve(node.$id, base);
    if (url) {
      here = withoutFragment(url.href);
      if (!index.resources.has(here)) index.resources.set(here, pointer);
    }
  }
  if (typeof node.$anchor === 'string') {
    const key = `${here}#${node.$anchor}`;
    if (!index.anchors.has(key)) index.anchors.set(key, pointer);
  }
  for (const [keyword, value] of Object.entries(node)) {
    if (!DATA_KEYWORDS.has(keyword)) walk(value, childPointer(pointer, keyword), here, index);
  }
}

function resolve(ref: string, base: string): URL | undefined {
  try {
    return new URL(ref, base);
  } catch {
    return undefined;
  }
}

function withoutFragment(href: string): string {
  const at = href.indexOf('#');
  return at < 0 ? href : href.slice(0, at);
}

function decodeFragment(fragment: string): string {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}
