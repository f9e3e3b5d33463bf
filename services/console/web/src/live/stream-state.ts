/**
 * The points of one stream (contract, key) that a live chart shows: loaded from history, then
 * extended by each live event, at most `max` kept (the oldest dropped first).
 */
import type { EventEnvelope, Series } from '../api/types';
import { pointerTokens } from '../../../../common/schemas/pointer-tokens';

export interface StreamState {
  contract: string;
  key: string;
  fields: string[];
  /** Recorded time, ms. */
  time: number[];
  position: number[];
  values: unknown[][];
  latest?: EventEnvelope;
}

export function fromSeries(series: Series): StreamState {
  return {
    contract: series.contract,
    key: series.key,
    fields: series.fields,
    time: series.time,
    position: series.position,
    values: series.values,
  };
}

export function appendEvent(state: StreamState, event: EventEnvelope, max: number): StreamState {
  // A live event the history already holds (it arrived while the history loaded) is not added twice.
  if (state.position.length > 0 && event.position <= state.position[state.position.length - 1]!) {
    return { ...state, latest: state.latest ?? event };
  }
  const cut = Math.max(0, state.time.length + 1 - max);
  return {
    ...state,
    time: [...state.time.slice(cut), Date.parse(event.recordedAt)],
    position: [...state.position.slice(cut), event.position],
    values: state.fields.map((field, i) => [...state.values[i]!.slice(cut), valueAt(event.data, field)]),
    latest: event,
  };
}

export function valueAt(data: unknown, pointer: string): unknown {
  let value: unknown = data;
  for (const token of pointerTokens(pointer)) {
    if (value === null || typeof value !== 'object') return null;
    value = (value as Record<string, unknown>)[token];
  }
  return value ?? null;
}

export function numbers(values: unknown[]): (number | null)[] {
  return values.map((v) => (typeof v === 'number' ? v : null));
}
