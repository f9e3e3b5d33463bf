/** JSON pointers in URI-fragment form (`#/properties/temperature/maximum`), as the change paths use. */

export function childPointer(pointer: string, ...segments: (string | number)[]): string {
  return segments.reduce<string>((path, segment) => `${path}/${escapeSegment(String(segment))}`, pointer);
}

/** The value a local pointer (`#`, `#/$defs/reading`) names inside a document, or undefined. */
export function valueAtPointer(document: unknown, pointer: string): unknown {
  if (pointer === '#' || pointer === '') return document;
  if (!pointer.startsWith('#/')) return undefined;
  let value: unknown = document;
  for (const raw of pointer.slice(2).split('/')) {
    const segment = unescapeSegment(safeDecode(raw));
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, segment)) return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

function escapeSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

function unescapeSegment(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

// A $ref is a URI fragment, so `%25` may stand for `%`; a stray `%` is taken literally.
function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
