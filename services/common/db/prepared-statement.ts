/**
 * Statements the pool prepares once per connection and runs from a cached generic plan.
 *
 * A statement that starts with `preparedAs(name)` is sent to PostgreSQL as a named prepared statement
 * (pg's `name`, one per distinct text, so each shape of a query built from parts gets its own), and the
 * hub's connections run named statements with `plan_cache_mode = force_generic_plan` (createPool): the
 * plan is made on the statement's first run on a connection and reused. Every other statement stays
 * unnamed, planned for its parameters each time. For statements whose plan does not depend on their
 * parameters but whose planning is a large part of their time: readValuesAt's one statement of many
 * parts, most of them guarded off at run time, took about 2 ms to plan and 8 ms to run on 1,000 sensors
 * (docs/benchmarks.md).
 *
 * kysely has no way to name a statement, so the name travels in a comment at the head of the text and
 * timedPool reads it there.
 */
import { createHash } from 'node:crypto';
import { sql, type RawBuilder } from 'kysely';

const MARK = '/* dx:prepared ';

/** The head of a statement to prepare: `sql\`${preparedAs('values-at')} SELECT ...\``. */
export function preparedAs(name: string): RawBuilder<unknown> {
  if (!/^[a-z][a-z0-9-]*$/.test(name))
    throw new Error(`a prepared statement's name is lowercase words: ${name}`);
  return sql.raw(`${MARK}${name} */`);
}

const names = new Map<string, string>();
const MAX_NAMES = 1_000;

/** The statement's name for pg when it is marked with preparedAs; undefined for every other statement. */
export function preparedNameOf(text: string): string | undefined {
  if (!text.startsWith(MARK)) return undefined;
  let name = names.get(text);
  if (name === undefined) {
    const label = text.slice(MARK.length, text.indexOf(' */'));
    name = `dx-${label}-${createHash('sha256').update(text).digest('hex').slice(0, 16)}`;
    // The shapes of a query are few; the bound only keeps a bug from growing the map without end.
    if (names.size >= MAX_NAMES) names.clear();
    names.set(text, name);
  }
  return name;
}
