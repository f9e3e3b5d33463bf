/**
 * Loads something from the hub for a component: the value, the error and a reload, re-run when the
 * inputs change. A load that finishes after a newer one started is dropped.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

export interface HubData<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
  /** Replace the value in place (a live update). */
  setData: (update: (previous: T | undefined) => T | undefined) => void;
}

export function useHubData<T>(load: () => Promise<T>, inputs: unknown[]): HubData<T> {
  const [data, setDataState] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [generation, setGeneration] = useState(0);
  const latest = useRef(0);

  useEffect(() => {
    const id = ++latest.current;
    setLoading(true);
    load()
      .then((value) => {
        if (id !== latest.current) return;
        setDataState(value);
        setError(null);
      })
      .catch((failure: unknown) => {
        if (id === latest.current) setError(failure);
      })
      .finally(() => {
        if (id === latest.current) setLoading(false);
      });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...inputs, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const setData = useCallback(
    (update: (previous: T | undefined) => T | undefined) => setDataState(update),
    [],
  );
  return { data, error, loading, reload, setData };
}
