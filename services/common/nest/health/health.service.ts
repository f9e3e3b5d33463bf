/** Asks PostgreSQL and NATS whether they answer, each within a short deadline, and how fast. */
import { Inject, Injectable, Optional } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { sql, type Kysely } from 'kysely';
import { withTimeout } from '../../async/with-timeout.js';
import type { DB } from '../../db/schema.js';
import { describeError } from '../../errors/describe-error.js';
import type { DatabaseSettings } from '../../config/database-settings.js';
import type { EventStore } from '../../event-store/event-store.js';
import { DATABASE_SETTINGS, EVENT_STORE, KYSELY_DB } from '../database/database.tokens.js';
import { NATS_CONNECTION } from '../nats/nats.tokens.js';
import type { CheckResult, HealthReport } from './health-report.js';

// A load balancer polls this; a server that takes longer than this to say "yes" is not healthy.
export const HEALTH_CHECK_TIMEOUT_MS = 1000;

/** Provided (true) by services that should also report whether the registry service answers. */
export const HEALTH_CHECKS_REGISTRY = Symbol('HEALTH_CHECKS_REGISTRY');

@Injectable()
export class HealthService {
  constructor(
    @Inject(KYSELY_DB) private readonly db: Kysely<DB>,
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    @Optional() @Inject(HEALTH_CHECKS_REGISTRY) private readonly checksRegistry?: boolean,
    @Optional() @Inject(EVENT_STORE) private readonly store?: EventStore,
    @Optional() @Inject(DATABASE_SETTINGS) private readonly settings?: DatabaseSettings,
  ) {}

  async check(): Promise<HealthReport> {
    const { database, nats } = await this.probe();
    const report: HealthReport = { status: database.ok && nats.ok ? 'ok' : 'unavailable', database, nats };
    if (this.checksRegistry) {
      report.registry = await timed('the registry', async () => {
        const reply = await this.nats.request('dx.registry.list', '{}', { timeout: HEALTH_CHECK_TIMEOUT_MS });
        if (!reply.json<{ ok: boolean }>().ok) throw new Error('the registry answered with an error');
      });
    }
    return report;
  }

  /** PostgreSQL and NATS, each within HEALTH_CHECK_TIMEOUT_MS. */
  async probe(): Promise<{ database: CheckResult; nats: CheckResult }> {
    const [database, nats] = await Promise.all([
      timed('PostgreSQL', async () => {
        // A fresh or idle connection may answer while the one ingest writes on hangs (half-open): the
        // age of the commit in flight says so within seconds.
        const waited = this.store?.commitWaitMs() ?? 0;
        const stall = this.settings?.commitStallMs ?? Infinity;
        if (waited > stall)
          throw new Error(
            `a group commit has waited ${Math.round(waited)} ms for PostgreSQL (limit ${stall} ms)`,
          );
        await sql`select 1`.execute(this.db);
      }),
      timed('NATS', () => this.nats.rtt()),
    ]);
    return { database, nats };
  }
}

async function timed(what: string, probe: () => Promise<unknown>): Promise<CheckResult> {
  const started = performance.now();
  const latency = () => Math.round((performance.now() - started) * 100) / 100;
  try {
    await withTimeout(probe(), HEALTH_CHECK_TIMEOUT_MS, what);
    return { ok: true, latencyMs: latency() };
  } catch (error) {
    return { ok: false, latencyMs: latency(), error: describeError(error) };
  }
}
