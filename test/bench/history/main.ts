/**
 * npm run bench:history: an hour of a 1,000-sensor plant (3.6 million samples) written to the event
 * store and projected into history, then three questions timed through the hub's own functions beside
 * the same questions in raw SQL on a plain narrow table (sensor, at, value) holding the same samples,
 * in the same run: (a) one sensor's hour in 1-minute buckets, (b) every sensor's hour in 1-minute
 * buckets, (c) the plant's state as of an instant (event time): every sensor's value (readValuesAt), and
 * beside it every sensor's whole event (readStateAt). Last line: one JSON object.
 * docs/benchmarks.md explains it.
 */
import os from 'node:os';
import pg from 'pg';
import { parseArgs } from 'node:util';
import { HistoryProjector } from '../../../services/common/history/history-projector.js';
import {
  readHistory,
  readHistoryByKey,
  type HistoryQuery,
} from '../../../services/common/history/read-history.js';
import { readStateAt } from '../../../services/common/event-store/read-state-at.js';
import { readValuesAt } from '../../../services/common/history/read-values-at.js';
import { createBenchDatabase } from '../store/bench-database.js';
import { DEFAULT_SERVER_URL } from '../store/bench-options.js';
import { grouped } from '../store/measurement.js';
import { HOUR_START, SENSOR_CONTRACT, SENSOR_SCHEMA, sensorKey, writePlantHour } from './plant-hour.js';
import { timeSideBySide } from './time-side-by-side.js';

const DATABASE = 'dx_bench_history';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { sensors: { type: 'string' }, seconds: { type: 'string' } } });
  const sensors = Number(values.sensors ?? process.env.BENCH_SENSORS ?? 1000);
  const seconds = Number(values.seconds ?? process.env.BENCH_SECONDS ?? 3600);
  const database = await createBenchDatabase(process.env.DATABASE_URL || DEFAULT_SERVER_URL, DATABASE, {
    migrate: true,
  });
  try {
    const { db, pool } = database;
    console.log(
      `bench:history on ${os.cpus().length} cores, Node ${process.version}: ${grouped(sensors)} sensors x ${grouped(seconds)} s`,
    );

    let started = performance.now();
    const events = await writePlantHour(db, sensors, seconds, (n) => {
      if (n % 400_000 < 4000) process.stderr.write(`  written ${grouped(n)}\r`);
    });
    const writeSeconds = (performance.now() - started) / 1000;
    console.log(
      `write (append_batch)         ${grouped(events)} events in ${writeSeconds.toFixed(1)} s, ${grouped(Math.round(events / writeSeconds))} events/s`,
    );
    await database.settle();

    const lookup = () => SENSOR_SCHEMA;
    started = performance.now();
    const projected = await new HistoryProjector(db, lookup, 10_000).catchUp();
    const projectSeconds = (performance.now() - started) / 1000;
    const projectionEps = projected / projectSeconds;
    console.log(
      `projection (catch-up)        ${grouped(projected)} events in ${projectSeconds.toFixed(1)} s, ${grouped(Math.round(projectionEps))} events/s`,
    );

    await pool.query(
      `CREATE TABLE bench_raw (sensor integer NOT NULL, at timestamptz NOT NULL, value double precision NOT NULL)`,
    );
    await pool.query(
      `INSERT INTO bench_raw SELECT s.id, h.at, h."values"[s.slot]
       FROM dx.history_rows h JOIN dx.history_series s ON s.stream_id = h.stream_id`,
    );
    await pool.query(`CREATE INDEX ON bench_raw (sensor, at)`);
    const { rows: ids } = await pool.query<{ id: number }>(
      `SELECT id FROM dx.history_series WHERE key = $1`,
      [sensorKey(1)],
    );
    await database.settle();

    const hour = { from: new Date(HOUR_START), to: new Date(HOUR_START + seconds * 1000) };
    const query: HistoryQuery = {
      contractId: SENSOR_CONTRACT,
      field: '/value',
      bucketMs: 60_000,
      timeline: 'event',
      ...hour,
    };
    const instant = new Date(HOUR_START + Math.floor(seconds / 2) * 1000 + 500);
    // Raw SQL runs with PostgreSQL's own settings (JIT on), not the hub's pool's (createPool).
    const rawPool = new pg.Pool({ connectionString: database.url, max: 1 });
    const raw = (text: string, params: unknown[]) => async () =>
      (await rawPool.query(text, params)).rowCount!;

    const [oneSensor, rawOneSensor] = await timeSideBySide([
      {
        label: '(a) one sensor, hub',
        work: async () => (await readHistory(db, lookup, { ...query, key: sensorKey(1) })).buckets.length,
      },
      {
        label: '(a) one sensor, raw SQL',
        work: raw(bucketsSql('sensor = $3'), [hour.from, hour.to, ids[0]!.id]),
      },
    ]);
    const [plant, rawPlant] = await timeSideBySide([
      {
        label: '(b) every sensor, hub',
        work: async () => {
          const { byKey } = await readHistoryByKey(db, lookup, query);
          return [...byKey.values()].reduce((n, b) => n + b.length, 0);
        },
      },
      { label: '(b) every sensor, raw SQL', work: raw(bucketsSql('true'), [hour.from, hour.to]) },
    ]);
    const [asOf, asOfEvents, rawAsOf] = await timeSideBySide([
      {
        label: '(c) plant values at, hub',
        work: async () =>
          (
            await readValuesAt(db, lookup, {
              contractId: SENSOR_CONTRACT,
              field: '/value',
              at: instant,
              timeline: 'event',
            })
          ).values.length,
      },
      {
        label: '(c) as whole events, hub',
        work: async () => (await readStateAt(db, { contractId: SENSOR_CONTRACT, at: instant })).length,
      },
      {
        label: '(c) plant as of, raw SQL',
        work: raw(
          `SELECT s.sensor, x.at, x.value FROM generate_series(1, $2::int) AS s(sensor)
         CROSS JOIN LATERAL (SELECT at, value FROM bench_raw r WHERE r.sensor = s.sensor AND r.at <= $1
                             ORDER BY at DESC LIMIT 1) x`,
          [instant, sensors],
        ),
      },
    ]);

    await rawPool.end();

    console.log('');
    console.log(
      verdict('(a) one sensor / raw', oneSensor, rawOneSensor, 1.5),
      `  (target also < 50 ms: ${oneSensor < 50 ? 'meets' : 'MISSES'})`,
    );
    console.log(verdict('(b) every sensor / raw', plant, rawPlant, 1.5));
    console.log(verdict('(c) plant values at / raw', asOf, rawAsOf, 1.5));
    console.log(
      `${'(c) as whole events / raw'.padEnd(28)} ${(asOfEvents / rawAsOf).toFixed(2).padStart(6)}x  (readStateAt: every key's whole event)`,
    );
    console.log(
      JSON.stringify({
        one_sensor_ms: round(oneSensor),
        raw_one_sensor_ms: round(rawOneSensor),
        plant_ms: round(plant),
        raw_plant_ms: round(rawPlant),
        as_of_ms: round(asOf),
        raw_as_of_ms: round(rawAsOf),
        as_of_events_ms: round(asOfEvents),
        projection_eps: Math.round(projectionEps),
      }),
    );
  } finally {
    // BENCH_KEEP=1 leaves the plant's database for a look with psql (EXPLAIN of the questions above).
    if (process.env.BENCH_KEEP === '1') await database.db.destroy();
    else await database.drop();
  }
}

/** The hub's bucket aggregates in plain SQL over the narrow table, grouped by sensor and minute. */
function bucketsSql(where: string): string {
  return `
    SELECT sensor, date_bin('1 minute', at, '1970-01-01T00:00:00Z') AS b, avg(value), min(value), max(value), count(*),
           (array_agg(value ORDER BY at))[1] AS first, (array_agg(value ORDER BY at DESC))[1] AS last
    FROM bench_raw WHERE ${where} AND at >= $1 AND at < $2
    GROUP BY sensor, b ORDER BY sensor, b`;
}

function verdict(label: string, hub: number, raw: number, limit: number): string {
  const ratio = hub / raw;
  return `${label.padEnd(28)} ${ratio.toFixed(2).padStart(6)}x  (target <= ${limit}: ${ratio <= limit ? 'meets' : 'MISSES'})`;
}

const round = (ms: number) => Math.round(ms * 10) / 10;

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
