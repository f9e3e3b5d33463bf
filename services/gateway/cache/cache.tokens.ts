/** Injection token of the latest-value cache: the age (ms) after which a value is checked against the store. */
export const CACHE_REVALIDATE_MS = Symbol('CACHE_REVALIDATE_MS');
