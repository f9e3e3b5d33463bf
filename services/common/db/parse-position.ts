/**
 * PostgreSQL bigints arrive from pg as strings. Positions are plain numbers in DX Hub: 2^53 events is
 * centuries at any rate this hub will see, and numbers keep JSON and arithmetic simple. This is the one
 * place where that conversion happens, and it refuses to lose precision silently.
 */
export function parsePosition(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`position ${value} is beyond 2^53`);
  return n;
}
