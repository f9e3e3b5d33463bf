/** Injection token of the head module: how often the store's head is announced (ms; 0: never). */
export const HEAD_INTERVAL_MS = Symbol('HEAD_INTERVAL_MS');
