/**
 * Bounds of a lineage walk over HTTP, checked before the walk: a training window names thousands of
 * input events, and each shown event may name inputs of its own.
 */
export const LINEAGE_LIMITS = {
  /** Events shown per run of inputs (`events`): default and most. */
  defaultEventsPerRun: 3,
  maxEventsPerRun: 20,
  /** Steps back from the event (`depth`): default and most. */
  defaultDepth: 8,
  maxDepth: 16,
} as const;
