/**
 * The time part of a read request (replay pages, history): `from` and `to` on a `timeline`, and
 * `knownAt`, "as the hub knew it then". Times are ISO 8601 strings; each failure names its field.
 */
import { DxError } from '../../common/errors/dx-error.js';
import type { Body } from '../../common/http/request-fields.js';
import { parseTimeline, type Timeline } from '../../common/event-store/timeline.js';

export interface TimeFilter {
  from?: Date;
  to?: Date;
  timeline?: Timeline;
  knownAt?: Date;
}

export function parseTimeFilter(body: Body, defaultTimeline?: Timeline): TimeFilter {
  const filter: TimeFilter = {
    from: parseTime(body.from, 'from'),
    to: parseTime(body.to, 'to'),
    timeline: parseTimeline(body.timeline) ?? defaultTimeline,
    knownAt: parseTime(body.knownAt, 'knownAt'),
  };
  if (filter.from && filter.to && filter.from.getTime() > filter.to.getTime()) {
    throw new DxError('BAD_ARGUMENT', `from (${body.from as string}) is after to (${body.to as string})`, {
      field: 'from',
      rule: 'order',
      expected: 'from <= to',
    });
  }
  return filter;
}

export function parseTime(value: unknown, field: string): Date | undefined {
  if (value === undefined || value === null) return undefined;
  const time = typeof value === 'string' ? new Date(value) : new Date(NaN);
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(time.getTime())) {
    throw new DxError('BAD_ARGUMENT', `${field} must be an ISO 8601 time, got ${JSON.stringify(value)}`, {
      field,
      rule: 'format',
      expected: 'date-time',
    });
  }
  return time;
}
