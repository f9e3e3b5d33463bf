/** The `dx` schema and the migrator's bookkeeping tables in it; table names themselves are the keys of db/schema.ts. */
export const DX_SCHEMA = 'dx';

export const MIGRATION_TABLE = 'migrations';
export const MIGRATION_LOCK_TABLE = 'migrations_lock';
