/**
 * The event time of a payload: the value at the pointer its contract version names with x-event-time
 * (e.g. "/sourceTimestamp"), normalised for the store. A version that names none, or a payload without
 * a value there, has no event time: the store then uses the recorded time.
 */
import { DxError } from '../../common/errors/dx-error.js';
import { normalEventTime } from '../../common/event-store/timeline.js';
import { EVENT_TIME_KEYWORD, valueAtPointer } from '../../common/schemas/event-time-pointer.js';
import type { JsonSchema } from '../../common/schemas/json-schema.types.js';

export function eventTimeOf(schema: JsonSchema, payload: unknown): string | undefined {
  const pointer = typeof schema === 'object' ? schema[EVENT_TIME_KEYWORD] : undefined;
  if (typeof pointer !== 'string') return undefined;
  const value = valueAtPointer(payload, pointer);
  if (value === undefined) return undefined;
  const time = normalEventTime(value);
  if (time === undefined) {
    throw new DxError(
      'PAYLOAD_INVALID',
      `the event time at ${pointer} is not an ISO 8601 time between years 1 and 9999`,
      {
        issues: [
          {
            pointer,
            rule: EVENT_TIME_KEYWORD,
            expected: 'date-time',
            message: `${pointer} is the contract's event time and must be an ISO 8601 time`,
          },
        ],
      },
    );
  }
  return time;
}
