/**
 * One stream's points for a chart, with no gap between history and live: the live subscription is
 * opened first, its events held until the history has loaded, then the held ones after the history's
 * last position are added, and every later one as it arrives.
 */
import { useEffect, useRef, useState } from 'react';
import type { EventEnvelope, Series } from '../api/types';
import { appendEvent, fromSeries, type StreamState } from './stream-state';

export interface LiveSource {
  /** Loads the history once the live subscription is ready. */
  load: () => Promise<Series>;
  max: number;
}

export function useStreamState(source: LiveSource | null, deps: unknown[]) {
  const [state, setState] = useState<StreamState | null>(null);
  const [error, setError] = useState<unknown>(null);
  const held = useRef<EventEnvelope[] | null>([]);

  useEffect(() => {
    setState(null);
    setError(null);
    held.current = [];
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);

  /** Call when the live stream says it is subscribed. */
  const ready = () => {
    if (!source) return;
    source
      .load()
      .then((series) => {
        let next = fromSeries(series);
        for (const event of held.current ?? []) next = appendEvent(next, event, source.max);
        held.current = null;
        setState(next);
      })
      .catch(setError);
  };

  /** Call with each live event of this stream. */
  const receive = (event: EventEnvelope) => {
    if (held.current) held.current.push(event);
    else if (source) setState((previous) => (previous ? appendEvent(previous, event, source.max) : previous));
  };

  return { state, error, ready, receive, setState };
}
