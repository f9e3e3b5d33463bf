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

export function parseHistoryRequest(body: Body, maxBuckets: number): HistoryRequest {
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

function required(field: string): never {
  throw new DxError('BAD_ARGUMENT', `${field} is required (an ISO 8601 time)`, {
    field,
    rule: 'required',
    expected: 'date-time',
  });
}
