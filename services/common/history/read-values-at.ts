/**
 * The value of one numeric field of every key of a contract (or of one key) at an instant: "what did
 * the plant read at 08:15", as numbers. What GET /api/v1/history/{contract}?field=..&at=.. answers.
 *
 * Event timeline: per key, the sample with the latest event time at or before the instant, leaving out
 * what a correction supersedes (with knownAt: only what was recorded by then, and only corrections
 * recorded by then). Read from the projection up to its checkpoint (one index probe per series on its
 * stream's (stream_id, at), the narrow table's own question), from the one-minute rollups of days past raw
 * retention, and from the log after the checkpoint; the latest of the three wins, so the answer is
 * exact and up to the visibility fence like readHistory's.
 *
 * Recorded timeline ("what the hub knew at the instant"): per key, the field in the last event recorded
 * at or before it that holds a number there, read from the log.
 *
 * readStateAt answers the same instant with whole events; this answers one field of each, in one unit.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../db/schema.js';
import { notSuperseded } from '../event-store/event-filter.js';
import { eventTimeOf, type Timeline } from '../event-store/timeline.js';
import { committedPrefix } from '../event-store/visibility-fence.js';
import { conversionIfAny } from '../units/ucum.js';
import { HISTORY_PROJECTION } from './history-projector.js';
import { unitAtPointer } from './numeric-fields.js';
import type { SchemaLookup } from './samples-of.js';
import { pointerTokens } from '../schemas/pointer-tokens.js';
import { preparedAs } from '../db/prepared-statement.js';

export interface ValuesAtQuery {
  contractId: string;
  /** One key; undefined: every key of the contract. */
  key?: string;
  /** JSON pointer of a numeric field, e.g. /temperature. */
  field: string;
  at: Date;
  timeline: Timeline;
  /** Event timeline only: count only what was recorded at or before this time. */
  knownAt?: Date;
}

export interface ValueAt {
  key: string;
  /** The sample's time on the timeline asked (epoch ms). */
  at: number;
  value: number;
}

export interface ValuesAtAnswer {
  /** The unit of every value (the series' unit), or null when the contract gives none. */
  unit: string | null;
  /** One per key that had a number at the field by the instant, by key. */
  values: ValueAt[];
}

const DAY_MS = 86_400_000;

interface ValueRow {
  kind: 'sample' | 'minute' | 'log';
  key: string;
  unit: string | null;
  version: string | null;
  at: number | null;
  position: number | null;
  value: number;
}

export async function readValuesAt(
  db: Kysely<DB>,
  schemaOf: SchemaLookup,
  query: ValuesAtQuery,
): Promise<ValuesAtAnswer> {
  const rows = await readRows(db, query);
  // The values' unit: a series' own (the projection's); with no series, the field's unit in the version
  // of the first value read from the log. Values in another unit are converted to it.
  let unit = rows.find((row) => row.kind !== 'log' && row.unit !== null)?.unit ?? null;
  const latest = new Map<string, { at: number; position: number; value: number }>();
  for (const row of rows) {
    if (typeof row.value !== 'number' || !Number.isFinite(row.value)) continue;
    let from: string | null;
    if (row.kind === 'log') {
      const schema = schemaOf(query.contractId, row.version!);
      from = schema === undefined ? null : (unitAtPointer(schema, query.field) ?? null);
      unit ??= from;
    } else {
      from = row.unit;
    }
    const value =
      from === null || unit === null || from === unit ? row.value : conversionIfAny(from, unit)?.(row.value);
    if (value === undefined) continue;
    // A minute's last sample has no position of its own here: it loses a tie to a sample that has one.
    const candidate = { at: row.at!, position: row.position ?? -1, value };
    const held = latest.get(row.key);
    if (!held || candidate.at > held.at || (candidate.at === held.at && candidate.position > held.position))
      latest.set(row.key, candidate);
  }
  const values = [...latest]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([key, { at, value }]) => ({ key, at, value }));
  return { unit, values };
}

/**
 * One statement, so one snapshot: the projection up to its checkpoint and the log after it agree
 * without a transaction around them. Which parts have something to read is decided inside the
 * statement: each optional part is guarded by a condition PostgreSQL evaluates once before it (a
 * one-time filter), so the common answer (projection caught up, no retention) is one index probe per
 * series and one empty range scan of the log after the checkpoint. Its plan does not depend on the
 * checkpoint's value, so it is prepared once per connection and reused (preparedAs): planning its many
 * parts took about 2 ms of a 10 ms answer. Before, two statements in a repeatable-read transaction (the
 * first reading the checkpoint so that the second could be built for it) cost three more round trips
 * and were slower (docs/benchmarks.md).
 */
async function readRows(db: Kysely<DB>, query: ValuesAtQuery): Promise<ValueRow[]> {
  const statement = query.timeline === 'recorded' ? recordedStatement(query) : eventStatement(query);
  return (await statement.execute(db)).rows;
}

/**
 * Per series of the field, its latest visible sample at or before the instant (with its unit), and
 * when there are rollups its latest minute that ended by then; per stream, the latest event after the
 * checkpoint with a number at the field (the projector's lag); and when the field has no series at all,
 * every stream's latest such event from the log. Rows of the kinds told apart by `kind`.
 *
 * A series' sample is looked for in the day before the instant first, then before that: rows are
 * partitioned by day, and a probe with no lower bound opens an index scan in every partition up to the
 * instant (UNION ALL under LIMIT 1 runs the second probe only when the first finds nothing). Two
 * samples of one series at the same instant: the one written last (the highest heap position in the
 * index's order) is taken, as the later event is by readStateAt.
 */
function eventStatement(query: ValuesAtQuery) {
  const known = query.knownAt;
  const visible =
    known === undefined
      ? sql`superseded_at IS NULL`
      : sql`recorded_at <= ${known} AND (superseded_at IS NULL OR superseded_at > ${known})`;
  const checkpoint = sql`(SELECT position FROM plan)`;
  // Corrections after the checkpoint whose samples the projection does not mark yet.
  const correctedLater = sql`(
    SELECT e.supersedes FROM dx.events e
    WHERE e.contract_id = ${query.contractId} AND e.global_position > ${checkpoint}
      AND e.supersedes IS NOT NULL ${known === undefined ? sql`` : sql`AND e.recorded_at <= ${known}`})`;
  const dayBefore = new Date(query.at.getTime() - DAY_MS);
  const sampleProbe = (range: RawBuilder<boolean>) => sql`(
    SELECT at, position, "values"[s.slot] AS value FROM dx.history_rows
    WHERE stream_id = s.stream_id AND ${range} AND "values"[s.slot] IS NOT NULL AND ${visible}
      AND position NOT IN ${correctedLater}
    ORDER BY at DESC LIMIT 1)`;
  const ofField = sql`s.contract_id = ${query.contractId} AND s.field = ${query.field} AND ${keyIs(query, 's.key')}`;
  const time = eventTimeOf('e');
  return sql<ValueRow>`${preparedAs('values-at')}
    WITH plan AS MATERIALIZED (
      -- What there is to read, once: the checkpoint, whether the field has series (else the log alone
      -- answers), whether any day was rolled up. set_config is parallel-unsafe, and so keeps the whole
      -- statement serial: planned for an unknown checkpoint, the log's range scan got two parallel
      -- workers, whose start took 6 to 9 ms.
      SELECT p.position, EXISTS (SELECT 1 FROM dx.history_series s WHERE ${ofField}) AS projected,
             EXISTS (SELECT 1 FROM dx.history_minutes) AS rolled_up,
             set_config('max_parallel_workers_per_gather', '0', true)
      FROM dx.projections p WHERE p.name = ${HISTORY_PROJECTION}
    )
    SELECT 'sample' AS kind, s.key, s.unit, NULL AS version, ${ms(sql`x.at`)} AS at, x.position, x.value
    FROM dx.history_series s CROSS JOIN LATERAL (
      SELECT * FROM (
        ${sampleProbe(sql`at <= ${query.at} AND at > ${dayBefore}`)}
        UNION ALL
        ${sampleProbe(sql`at <= ${dayBefore}`)}
      ) probes LIMIT 1
    ) x
    WHERE ${ofField}
    ${
      known === undefined
        ? sql`UNION ALL
    SELECT 'minute', s.key, s.unit, NULL, ${ms(sql`m.last_at`)}, NULL, m.last_value
    FROM dx.history_series s CROSS JOIN LATERAL (
      SELECT last_at, last_value FROM dx.history_minutes
      WHERE series_id = s.id AND minute <= ${query.at} AND last_at <= ${query.at}
      ORDER BY minute DESC LIMIT 1
    ) m
    WHERE ${ofField} AND (SELECT rolled_up FROM plan)`
        : sql``
    }
    UNION ALL
    SELECT * FROM (
      SELECT DISTINCT ON (e.key) 'log', e.key, NULL, e.contract_version, ${ms(time)}, e.global_position,
             (e.payload #> ${path(query.field)})::float8
      FROM dx.events e
      WHERE e.contract_id = ${query.contractId} AND ${keyIs(query, 'e.key')} AND e.global_position > ${checkpoint}
        AND ${logFilter(query)}
      ORDER BY e.key, ${time} DESC, e.stream_position DESC
    ) lag
    WHERE (SELECT projected FROM plan)
    UNION ALL
    SELECT * FROM (${fromLogStatement(query)}) whole_log
    WHERE NOT (SELECT projected FROM plan)
  `;
}

/** No series of the field: per stream, the latest event by the instant with a number there, from the log. */
function fromLogStatement(query: ValuesAtQuery) {
  const time = eventTimeOf('e');
  return sql<ValueRow>`
    SELECT 'log' AS kind, x.key, NULL AS unit, x.contract_version AS version, ${ms(sql`x.t`)} AS at,
           x.global_position AS position, x.value
    FROM dx.streams st CROSS JOIN LATERAL (
      SELECT e.key, e.contract_version, ${time} AS t, e.global_position,
             (e.payload #> ${path(query.field)})::float8 AS value
      FROM dx.events e
      WHERE e.contract_id = st.contract_id AND e.key = st.key AND ${logFilter(query)}
      ORDER BY ${time} DESC, e.stream_position DESC LIMIT 1
    ) x
    WHERE st.contract_id = ${query.contractId} AND ${keyIs(query, 'st.key')}
  `;
}

/** An event of the log that counts on the event timeline: by the instant, a number at the field, not corrected. */
function logFilter(query: ValuesAtQuery) {
  const known = query.knownAt;
  return sql`${eventTimeOf('e')} <= ${query.at} AND ${committedPrefix}
        AND jsonb_typeof(e.payload #> ${path(query.field)}) = 'number'
        ${known === undefined ? sql`` : sql`AND e.recorded_at <= ${known}`}
        AND ${notSuperseded(known, 'e')}`;
}

/** Per stream, the field in the last event recorded at or before the instant that holds a number there. */
function recordedStatement(query: ValuesAtQuery) {
  return sql<ValueRow>`
    SELECT 'log' AS kind, x.key, NULL AS unit, x.contract_version AS version,
           ${ms(sql`x.recorded_at`)} AS at, x.global_position AS position, x.value
    FROM dx.streams st CROSS JOIN LATERAL (
      SELECT e.key, e.contract_version, e.recorded_at, e.global_position,
             (e.payload #> ${path(query.field)})::float8 AS value
      FROM dx.events e
      WHERE e.contract_id = st.contract_id AND e.key = st.key AND e.recorded_at <= ${query.at} AND ${committedPrefix}
        AND jsonb_typeof(e.payload #> ${path(query.field)}) = 'number'
      ORDER BY e.stream_position DESC LIMIT 1
    ) x
    WHERE st.contract_id = ${query.contractId} AND ${keyIs(query, 'st.key')}
  `;
}

const keyIs = (query: ValuesAtQuery, column: string) =>
  query.key === undefined ? sql`true` : sql`${sql.ref(column)} = ${query.key}`;

/** The field's JSON pointer as the text[] path of PostgreSQL's #> operator. */
const path = (pointer: string) => sql`${pointerTokens(pointer)}::text[]`;

/** A time as epoch milliseconds, float8 (date_part stays in floating point; extract would go through numeric). */
const ms = (expression: RawBuilder<unknown>) => sql`round(date_part('epoch', ${expression}) * 1000)`;
