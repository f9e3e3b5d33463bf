/** Injection token of the replay's own setting: the most bytes of events one page carries. */
export const REPLAY_PAGE_BYTES = Symbol('REPLAY_PAGE_BYTES');
