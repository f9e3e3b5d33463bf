/** Injection tokens of the history feature. */
export const HISTORY_SETTINGS = Symbol('HISTORY_SETTINGS');
