/** Injection tokens of the database module: the shared Kysely<DB> instance and the event store over it. */
export const KYSELY_DB = Symbol('KYSELY_DB');
export const EVENT_STORE = Symbol('EVENT_STORE');
export const STORE_METRICS = Symbol('STORE_METRICS');
/** The pool and its Kysely views (createDb), for providers that need another deadline. */
export const DB_HANDLE = Symbol('DB_HANDLE');
/** The DatabaseSettings the pool was built with (health reads the commit stall threshold). */
export const DATABASE_SETTINGS = Symbol('DATABASE_SETTINGS');
