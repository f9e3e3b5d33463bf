/**
 * `npm run bench:audit`: how long `dx audit verify` takes over a large store. Appends EVENTS
 * (default 1,000,000) events through the store into a scratch database, then verifies the whole
 * chain, takes an anchor (`dx audit anchor`) and checks the store against it (`--anchor`), and prints
 * the figures; the last line is one JSON object.
 */
import pg from 'pg';
import { checkAnchor } from '../../../services/common/audit/check-anchor.js';
import { createAnchor } from '../../../services/common/audit/create-anchor.js';
import { verifyChain } from '../../../services/common/audit/verify-chain.js';
import { createDb } from '../../../services/common/db/create-db.js';
import { migrateToLatest } from '../../../services/common/db/migrate.js';
import { EventStore } from '../../../services/common/event-store/event-store.js';

const events = Number(process.env.EVENTS ?? 1_000_000);
const streams = Number(process.env.STREAMS ?? 1000);
const producers = 64;
const server = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
const name = 'dx_bench_audit';

async function admin(statement: string): Promise<void> {
  const url = new URL(server);
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  await client.query(statement);
  await client.end();
}

await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
await admin(`CREATE DATABASE ${name}`);
const url = new URL(server);
url.pathname = `/${name}`;
const { db } = createDb(url.toString(), 8);
try {
  await migrateToLatest(db, url.toString());
  const store = new EventStore(db);
  let next = 0;
  const fillStarted = performance.now();
  await Promise.all(
    Array.from({ length: producers }, async () => {
      while (next < events) {
        const i = next++;
        await store.append({
          contractId: 'scada.reactor-telemetry',
          contractVersion: '1.0.0',
          key: `R${i % streams}`,
          producer: 'bench',
          msgId: `b-${i}`,
          payload: {
            tag: `TI-${i % streams}`,
            temperature: 250 + (i % 50) / 10,
            pressure: 80.5,
            quality: 'good',
          },
        });
      }
    }),
  );
  const fillSeconds = (performance.now() - fillStarted) / 1000;
  console.log(`stored ${events.toLocaleString('en')} events in ${fillSeconds.toFixed(1)} s`);

  const started = performance.now();
  const report = await verifyChain(db);
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `verified ${report.events.toLocaleString('en')} events in ${report.streams} streams in ${seconds.toFixed(1)} s ` +
      `(${Math.round(report.events / seconds).toLocaleString('en')} events/s), ${report.problems.length} problems`,
  );

  const anchorStarted = performance.now();
  const anchor = await createAnchor(db);
  const anchorSeconds = (performance.now() - anchorStarted) / 1000;
  const checkStarted = performance.now();
  const check = await checkAnchor(db, anchor, 'file');
  const checkSeconds = (performance.now() - checkStarted) / 1000;
  console.log(
    `anchored ${anchor.events.toLocaleString('en')} events in ${anchor.streams} streams in ${anchorSeconds.toFixed(2)} s, ` +
      `checked the anchor in ${checkSeconds.toFixed(2)} s (${check.intact ? 'intact' : 'NOT intact'})`,
  );
  console.log(
    JSON.stringify({
      events: report.events,
      verify_seconds: Number(seconds.toFixed(2)),
      verify_eps: Math.round(report.events / seconds),
      problems: report.problems.length,
      anchor_seconds: Number(anchorSeconds.toFixed(2)),
      anchor_check_seconds: Number(checkSeconds.toFixed(2)),
      anchor_intact: check.intact,
    }),
  );
} finally {
  await db.destroy();
  await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}
