/**
 * Bucket arithmetic shared by the projection's SQL and the log's tail: a bucket is the partial
 * aggregate (count, sum, min, max, first and last by time) of the samples whose time falls in
 * [start, start + width), buckets aligned to multiples of their width since 1970-01-01T00:00Z.
 * Partials merge exactly, so samples read from the log beside the projection land in the same buckets.
 */
import { DxError } from '../errors/dx-error.js';

export const AGGREGATES = ['mean', 'min', 'max', 'count', 'first', 'last'] as const;
export type Aggregate = (typeof AGGREGATES)[number];

export interface PartialBucket {
  start: number;
  count: number;
  sum: number;
  min: number;
  max: number;
  firstAt: number;
  first: number;
  lastAt: number;
  last: number;
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `500ms`, `10s`, `1m`, `15m`, `1h`, `1d` as milliseconds. */
export function parseBucket(text: unknown): number {
  const match = typeof text === 'string' ? /^(\d{1,9})(ms|s|m|h|d)$/.exec(text) : null;
  const width = match ? Number(match[1]) * UNITS[match[2]!]! : 0;
  if (!match || width <= 0) {
    throw new DxError(
      'BAD_ARGUMENT',
      `bucket must be a duration such as 10s, 1m, 1h or 1d, got ${JSON.stringify(text)}`,
      {
        field: 'bucket',
        rule: 'format',
        expected: '<n>ms|s|m|h|d',
      },
    );
  }
  return width;
}

export function parseAggregates(text: unknown): Aggregate[] {
  if (text === undefined || text === null || text === '')
    return ['mean', 'min', 'max', 'count', 'first', 'last'];
  const names =
    typeof text === 'string' ? text.split(',').map((n) => n.trim()) : Array.isArray(text) ? text : [text];
  for (const name of names) {
    if (!AGGREGATES.includes(name as Aggregate)) {
      throw new DxError(
        'BAD_ARGUMENT',
        `agg must name aggregates among ${AGGREGATES.join(', ')}, got ${JSON.stringify(name)}`,
        {
          field: 'agg',
          rule: 'enum',
          expected: AGGREGATES,
        },
      );
    }
  }
  return [...new Set(names as Aggregate[])];
}

export function bucketStart(time: number, width: number): number {
  return time - (((time % width) + width) % width);
}

/** Adds one sample, or another partial, into the partials by start. */
export function mergeInto(buckets: Map<number, PartialBucket>, part: PartialBucket): void {
  const into = buckets.get(part.start);
  if (!into) {
    buckets.set(part.start, { ...part });
    return;
  }
  into.count += part.count;
  into.sum += part.sum;
  into.min = Math.min(into.min, part.min);
  into.max = Math.max(into.max, part.max);
  if (part.firstAt < into.firstAt) [into.firstAt, into.first] = [part.firstAt, part.first];
  if (part.lastAt >= into.lastAt) [into.lastAt, into.last] = [part.lastAt, part.last];
}

export function sampleBucket(at: number, value: number, width: number): PartialBucket {
  return {
    start: bucketStart(at, width),
    count: 1,
    sum: value,
    min: value,
    max: value,
    firstAt: at,
    first: value,
    lastAt: at,
    last: value,
  };
}

/** The answer's form of a bucket: its start and the aggregates asked for, values through `convert`. */
export function finish(
  bucket: PartialBucket,
  aggregates: Aggregate[],
  convert: (value: number) => number,
): Record<string, string | number> {
  const out: Record<string, string | number> = { start: new Date(bucket.start).toISOString() };
  for (const name of aggregates) {
    if (name === 'count') out.count = bucket.count;
    else if (name === 'mean') out.mean = convert(bucket.sum / bucket.count);
    else if (name === 'min') out.min = convert(bucket.min);
    else if (name === 'max') out.max = convert(bucket.max);
    else if (name === 'first') out.first = convert(bucket.first);
    else out.last = convert(bucket.last);
  }
  return out;
}
