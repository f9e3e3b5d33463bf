/** Injection tokens of the database module: the shared Kysely<DB> instance and the event store over it. */
export const KYSELY_DB = Symbol('KYSELY_DB');
export const EVENT_STORE = Symbol('EVENT_STORE');
export const STORE_METRICS = Symbol('STORE_METRICS');
