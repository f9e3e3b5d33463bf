/** Where two JSON documents differ, as JSON pointers: what CONTRACT_VERSION_IMMUTABLE shows. */
export interface JsonDifference {
  pointer: string;
  before: unknown;
  after: unknown;
}

export function jsonDifferences(before: unknown, after: unknown, pointer = '', limit = 20): JsonDifference[] {
  const out: JsonDifference[] = [];
  walk(before, after, pointer, out, limit);
  return out;
}

function walk(a: unknown, b: unknown, pointer: string, out: JsonDifference[], limit: number): void {
  if (out.length >= limit) return;
  if (isContainer(a) && isContainer(b) && Array.isArray(a) === Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of [...keys].sort()) {
      walk(
        (a as Record<string, unknown>)[key],
        (b as Record<string, unknown>)[key],
        `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`,
        out,
        limit,
      );
    }
    return;
  }
  if (JSON.stringify(a) !== JSON.stringify(b)) out.push({ pointer, before: a, after: b });
}

function isContainer(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}
