/** How the client waits between attempts: exponential backoff, capped, with jitter. */
export interface RetryPolicy {
  /** Attempts of a direct publish, a cache read or a replay page before the caller hears of it. */
  attempts: number;
  initialDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, initialDelayMs: 100, maxDelayMs: 5000 };

/**
 * The wait after attempt `attempt` (from 0): between half and all of the capped exponential delay. The
 * jitter keeps many producers that lost the hub at the same moment from all coming back at once.
 */
export function retryDelay(policy: RetryPolicy, attempt: number, random = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** Resolves after `ms`, or at once when the signal aborts (the caller then checks why it woke). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}
