/**
 * The value of one numeric field of every key of a contract (or of one key) at an instant: "what did
 * the plant read at 08:15", as numbers. What GET /api/v1/history/{contract}?field=..&at=.. answers.
 *
 * Event timeline: per key, the sample with the latest event time at or before the instant, leaving out
 * what a correction supersedes (with knownAt: only what was recorded by then, and only corrections
 * recorded by then). Read from the projection up to its checkpoint (one index probe per series on
 * (series_id, at), the narrow table's own question), from the one-minute rollups of days past raw
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
import { conversionBetween } from '../units/ucum.js';
import { HISTORY_PROJECTION } from './history-projector.js';
import { unitAtPointer } from './numeric-fields.js';
import type { SchemaLookup } from './samples-of.js';

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
  kind: 'series' | 'sample' | 'minute' | 'log';
  key: string;
  unit: string | null;
  version: string | null;
  at: number | null;
  position: number | null;
  value: unknown;
}

export async function readValuesAt(
  db: Kysely<DB>,
  schemaOf: SchemaLookup,
  query: ValuesAtQuery,
): Promise<ValuesAtAnswer> {
  // One statement, so one snapshot: the projection up to its checkpoint and the log after it agree.
  const statement = query.timeline === 'event' ? eventStatement(query) : recordedStatement(query);
  const { rows } = await statement.execute(db);
  const seriesUnits = new Map<string, string | null>();
  for (const row of rows) if (row.kind === 'series') seriesUnits.set(row.key, row.unit);
  let unit = [...seriesUnits.values()].find((u) => u !== null) ?? null;
  const latest = new Map<string, { at: number; position: number; value: number }>();
  for (const row of rows) {
    if (row.kind === 'series' || typeof row.value !== 'number' || !Number.isFinite(row.value)) continue;
    let from: string | null;
    if (row.kind === 'log') {
      const schema = schemaOf(query.contractId, row.version!);
      from = schema === undefined ? null : (unitAtPointer(schema, query.field) ?? null);
      unit ??= from;
    } else {
      from = seriesUnits.get(row.key) ?? null;
    }
    const value =
      from === null || unit === null || from === unit ? row.value : tryConversion(from, unit)?.(row.value);
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
 * The series of the field with, per series, its latest visible sample at or before the instant up to
 * the checkpoint and its latest rolled-up minute that ended by then; and the latest event per stream
 * with a number at the field after the checkpoint. Rows of the kinds told apart by `kind`.
 *
 * A series' sample is looked for in the day before the instant first, then before that: samples are
 * partitioned by day, and a probe with no lower bound opens an index scan in every partition up to the
 * instant (COALESCE runs the second probe only when the first finds nothing).
 *
 * The log after the checkpoint is the projector's lag, read by global position (a short range of
 * events_contract_position_idx); when the field has no series at all it is the whole log, and then each
 * stream is probed on its event-time index as readStateAt does.
 */
function eventStatement(query: ValuesAtQuery) {
  const known = query.knownAt;
  const visible =
    known === undefined
      ? sql`superseded_at IS NULL`
      : sql`recorded_at <= ${known} AND (superseded_at IS NULL OR superseded_at > ${known})`;
  const dayBefore = new Date(query.at.getTime() - DAY_MS);
  const sampleProbe = (range: RawBuilder<boolean>) => sql`(
    SELECT jsonb_build_array(${ms(sql`at`)}, position, value) FROM dx.history_samples
    WHERE series_id = s.id AND ${range} AND position <= (SELECT position FROM projected_up_to)
      AND ${visible} AND position NOT IN (SELECT supersedes FROM corrected_later)
    ORDER BY at DESC, position DESC LIMIT 1)`;
  const time = eventTimeOf('e');
  const logFilter = sql`${time} <= ${query.at} AND ${committedPrefix}
        AND jsonb_typeof(e.payload #> ${path(query.field)}) = 'number'
        ${known === undefined ? sql`` : sql`AND e.recorded_at <= ${known}`}
        AND ${notSuperseded(known, 'e')}`;
  return sql<ValueRow>`
    WITH checkpoint AS (SELECT position FROM dx.projections WHERE name = ${HISTORY_PROJECTION}),
    series AS (
      SELECT id, key, unit FROM dx.history_series
      WHERE contract_id = ${query.contractId} AND field = ${query.field} AND ${keyIs(query, 'key')}
    ),
    projected_up_to AS (
      SELECT CASE WHEN EXISTS (SELECT 1 FROM series) THEN (SELECT position FROM checkpoint) ELSE 0 END AS position
    ),
    corrected_later AS (
      SELECT e.supersedes FROM dx.events e
      WHERE e.contract_id = ${query.contractId} AND ${keyIs(query, 'e.key')}
        AND e.global_position > (SELECT position FROM projected_up_to) AND e.supersedes IS NOT NULL
        ${known === undefined ? sql`` : sql`AND e.recorded_at <= ${known}`}
    )
    SELECT 'series' AS kind, key, unit, NULL AS version, NULL::float8 AS at, NULL::bigint AS position,
           NULL::jsonb AS value
    FROM series
    UNION ALL
    SELECT 'sample', key, NULL, NULL, (found->>0)::float8, (found->>1)::bigint, found->2
    FROM (
      SELECT s.key, coalesce(
        ${sampleProbe(sql`at <= ${query.at} AND at > ${dayBefore}`)},
        ${sampleProbe(sql`at <= ${dayBefore}`)}) AS found
      FROM series s
    ) x
    WHERE found IS NOT NULL
    ${
      known === undefined
        ? sql`UNION ALL
    SELECT 'minute', s.key, NULL, NULL, ${ms(sql`m.last_at`)}, NULL, to_jsonb(m.last_value)
    FROM series s CROSS JOIN LATERAL (
      SELECT last_at, last_value FROM dx.history_minutes
      WHERE series_id = s.id AND minute <= ${query.at} AND last_at <= ${query.at}
      ORDER BY minute DESC LIMIT 1
    ) m`
        : sql``
    }
    UNION ALL
    SELECT * FROM (
      SELECT DISTINCT ON (e.key) 'log', e.key, NULL, e.contract_version, ${ms(time)}, e.global_position,
             e.payload #> ${path(query.field)}
      FROM dx.events e
      WHERE EXISTS (SELECT 1 FROM series) AND e.contract_id = ${query.contractId} AND ${keyIs(query, 'e.key')}
        AND e.global_position > (SELECT position FROM projected_up_to) AND ${logFilter}
      ORDER BY e.key, ${time} DESC, e.stream_position DESC
    ) lag
    UNION ALL
    SELECT 'log', x.key, NULL, x.contract_version, ${ms(sql`x.t`)}, x.global_position, x.value
    FROM dx.streams st CROSS JOIN LATERAL (
      SELECT e.key, e.contract_version, ${time} AS t, e.global_position, e.payload #> ${path(query.field)} AS value
      FROM dx.events e
      WHERE e.contract_id = st.contract_id AND e.key = st.key AND ${logFilter}
      ORDER BY ${time} DESC, e.stream_position DESC LIMIT 1
    ) x
    WHERE NOT EXISTS (SELECT 1 FROM series) AND st.contract_id = ${query.contractId} AND ${keyIs(query, 'st.key')}
  `;
}

/** Per stream, the field in the last event recorded at or before the instant that holds a number there. */
function recordedStatement(query: ValuesAtQuery) {
  return sql<ValueRow>`
    SELECT 'log' AS kind, x.key, NULL AS unit, x.contract_version AS version,
           ${ms(sql`x.recorded_at`)} AS at, x.global_position AS position, x.value
    FROM dx.streams st CROSS JOIN LATERAL (
      SELECT e.key, e.contract_version, e.recorded_at, e.global_position, e.payload #> ${path(query.field)} AS value
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
const path = (pointer: string) =>
  sql`${pointer
    .split('/')
    .slice(1)
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'))}::text[]`;

const ms = (expression: RawBuilder<unknown>) => sql`(extract(epoch FROM ${expression}) * 1000)::float8`;

function tryConversion(from: string, to: string): ((value: number) => number) | undefined {
  try {
    return conversionBetween(from, to);
  } catch {
    return undefined;
  }
}
