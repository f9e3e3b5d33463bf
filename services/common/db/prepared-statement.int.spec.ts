import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { createDb, type DbHandle } from './create-db.js';
import { preparedAs } from './prepared-statement.js';

let database: TestDatabase;
let handle: DbHandle;

beforeAll(async () => {
  database = await createTestDatabase();
  // One connection, so that every statement below meets the same session.
  handle = createDb(database.url, 1);
});

afterAll(async () => {
  await handle.db.destroy();
  await database.drop();
});

interface PreparedRow {
  name: string;
  generic_plans: number;
  custom_plans: number;
}

const preparedOnConnection = async () =>
  (
    await sql<PreparedRow>`SELECT name, generic_plans::int, custom_plans::int FROM pg_prepared_statements`.execute(
      handle.db,
    )
  ).rows;

describe('statements marked preparedAs', () => {
  it('are prepared once per connection and run from one generic plan, each shape under its own name', async () => {
    const doubled = (n: number) => sql<{ n: number }>`${preparedAs('doubled')} SELECT ${n}::int * 2 AS n`;
    const tripled = (n: number) => sql<{ n: number }>`${preparedAs('doubled')} SELECT ${n}::int * 3 AS n`;
    for (let n = 1; n <= 7; n++) expect((await doubled(n).execute(handle.db)).rows).toEqual([{ n: 2 * n }]);
    expect((await tripled(5).execute(handle.db)).rows).toEqual([{ n: 15 }]);

    const prepared = await preparedOnConnection();
    expect(prepared).toHaveLength(2);
    expect(prepared.every((row) => row.name.startsWith('dx-doubled-'))).toBe(true);
    expect(prepared.map((row) => [row.generic_plans, row.custom_plans]).sort()).toEqual([
      [1, 0],
      [7, 0],
    ]);
  });

  it('leaves every other statement unnamed, planned for its parameters', async () => {
    const before = (await preparedOnConnection()).length;
    await sql`SELECT ${1}::int AS n`.execute(handle.db);
    expect(await preparedOnConnection()).toHaveLength(before);
  });

  it('refuses a name that could break the comment it travels in', () => {
    expect(() => preparedAs('x */ DROP')).toThrow(/lowercase words/);
  });
});
