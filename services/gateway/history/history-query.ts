/** A history request as the gateway reads it (HTTP query string or NATS body), each failure named. */
import { DxError } from '../../common/errors/dx-error.js';
import { parseTimeline, type Timeline } from '../../common/event-store/timeline.js';
import { parseAggregates, parseBucket, type Aggregate } from '../../common/history/history-buckets.js';
import { optionalString, requiredString, type Body } from '../../common/http/request-fields.js';
import { parseTime } from '../replay/time-filter.js';

export interface HistoryRequest {
  contract: string;
  key: string;
  field: string;
  from: Date;
  to: Date;
  bucket: string;
  bucketMs: number;
  aggregates: Aggregate[];
  timeline: Timeline;
  knownAt?: Date;
  /** The UCUM unit the caller wants the values in; default: the series' own. */
  unit?: string;
}

/** The value of a field of every key (or one) at an instant: GET /api/v1/history/{contract}?at=.. */
export interface ValuesAtRequest {
  contract: string;
  key?: string;
  field: string;
  at: Date;
  timeline: Timeline;
  knownAt?: Date;
  unit?: string;
}

export function parseHistoryRequest(body: Body, maxBuckets: number): HistoryRequest {
  const field = pointerField(body);
  const from = parseTime(body.from, 'from') ?? required('from');
  const to = parseTime(body.to, 'to') ?? required('to');
  if (from.getTime() >= to.getTime()) {
    throw new DxError('BAD_ARGUMENT', 'from must be before to', {
      field: 'from',
      rule: 'order',
      expected: 'from < to',
    });
  }
  const bucket = (body.bucket as string | undefined) ?? '1m';
  const bucketMs = parseBucket(bucket);
  const buckets = Math.ceil((to.getTime() - from.getTime()) / bucketMs);
  if (buckets > maxBuckets) {
    throw new DxError(
      'BAD_ARGUMENT',
      `${buckets} buckets of ${bucket} between from and to; at most ${maxBuckets} per query (DX_HISTORY_MAX_BUCKETS): ask for wider buckets or a shorter range`,
      { field: 'bucket', rule: 'maxBuckets', expected: maxBuckets, actual: buckets },
    );
  }
  return {
    contract: requiredString(body, 'contract'),
    key: requiredString(body, 'key'),
    field,
    from,
    to,
    bucket,
    bucketMs,
    aggregates: parseAggregates(body.agg),
    timeline: parseTimeline(body.timeline) ?? 'event',
    knownAt: parseTime(body.knownAt, 'knownAt'),
    unit: optionalString(body, 'unit'),
  };
}

export function parseValuesAtRequest(body: Body): ValuesAtRequest {
  const field = pointerField(body);
  const timeline = parseTimeline(body.timeline) ?? 'event';
  const knownAt = parseTime(body.knownAt, 'knownAt');
  if (knownAt !== undefined && timeline === 'recorded') {
    throw new DxError(
      'BAD_ARGUMENT',
      'knownAt goes with the event timeline; on the recorded timeline the instant itself is what was known',
      { field: 'knownAt', rule: 'timeline', expected: 'event' },
    );
  }
  const key = optionalString(body, 'key');
  const unit = optionalString(body, 'unit');
  return {
    contract: requiredString(body, 'contract'),
    ...(key !== undefined && { key }),
    field,
    at: parseTime(body.at, 'at') ?? required('at'),
    timeline,
    ...(knownAt !== undefined && { knownAt }),
    ...(unit !== undefined && { unit }),
  };
}

function pointerField(body: Body): string {
  const field = requiredString(body, 'field');
  if (!field.startsWith('/')) {
    throw new DxError(
      'BAD_ARGUMENT',
      `field must be a JSON pointer into the payload, e.g. /temperature, got ${JSON.stringify(field)}`,
      {
        field: 'field',
        rule: 'format',
        expected: 'JSON pointer',
      },
    );
  }
  return field;
}

function required(field: string): never {
  throw new DxError('BAD_ARGUMENT', `${field} is required (an ISO 8601 time)`, {
    field,
    rule: 'required',
    expected: 'date-time',
  });
}
