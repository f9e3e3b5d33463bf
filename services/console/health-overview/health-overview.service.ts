/**
 * The operator's view of the hub's health: whether each service answers its /health, and the
 * gateway's ingest counters (the page turns two samples into a rate). Each service is asked with a
 * short deadline, so one that hangs shows as down rather than holding the page.
 */
import { Inject, Injectable } from '@nestjs/common';
import type { Kysely } from 'kysely';
import type { DB } from '../../common/db/schema.js';
import { describeError } from '../../common/errors/describe-error.js';
import type { Identity } from '../../common/identity/identity.types.js';
import { KYSELY_DB } from '../../common/nest/database/database.tokens.js';
import { HealthService } from '../../common/nest/health/health.service.js';
import { listRejections, readsEverything } from '../../gateway/index.js';
import { ReadCheck } from '../access/read-check.js';
import type { ConsoleConfig } from '../console-config.js';
import { CONSOLE_CONFIG } from '../console.tokens.js';
import { parseIngestCounters, type IngestCounters } from './parse-metrics.js';

/** How long a service may take to answer /health before the console shows it as down. */
export const SERVICE_PROBE_TIMEOUT_MS = 2000;

export interface ServiceHealth {
  name: string;
  url: string;
  up: boolean;
  latencyMs: number;
  status?: number;
  report?: unknown;
  error?: string;
}

export interface HealthOverview {
  at: string;
  services: ServiceHealth[];
  ingest: IngestCounters | null;
}

export interface RefusalView {
  id: number;
  receivedAt: string;
  transport: string;
  contract: string;
  version: string | null;
  producer: string | null;
  key: string | null;
  code: string;
  message: string;
  details: Record<string, unknown>;
  payload: string;
}

@Injectable()
export class HealthOverviewService {
  constructor(
    @Inject(CONSOLE_CONFIG) private readonly config: ConsoleConfig,
    @Inject(KYSELY_DB) private readonly db: Kysely<DB>,
    private readonly own: HealthService,
    private readonly access: ReadCheck,
  ) {}

  async overview(): Promise<HealthOverview> {
    const { gatewayUrl, registryUrl, simulationUrl } = this.config;
    const [gateway, registry, simulation, console, metrics] = await Promise.all([
      probe('gateway', gatewayUrl),
      probe('registry', registryUrl),
      probe('simulation', simulationUrl),
      this.probeSelf(),
      fetchText(`${gatewayUrl}/metrics`).catch(() => null),
    ]);
    return {
      at: new Date().toISOString(),
      services: [gateway, registry, simulation, console],
      ingest: metrics === null ? null : parseIngestCounters(metrics),
    };
  }

  /** The latest refusals of the contracts the reader may read (every contract for architects). */
  async refusals(reader: Identity, limit: number, contract?: string): Promise<RefusalView[]> {
    if (contract !== undefined) await this.access.contract(reader, contract);
    const everything = readsEverything(reader) || contract !== undefined;
    const readable = new Set(everything ? [] : this.access.readable(reader));
    // A reader of few contracts may need more rows than `limit` to find `limit` of its own.
    const rows = await listRejections(this.db, {
      contract,
      limit: everything ? limit : limit * 20,
      newestFirst: true,
    });
    return rows
      .filter((r) => everything || readable.has(r.contract_id))
      .slice(0, limit)
      .map((r) => ({
        id: Number(r.id),
        receivedAt: r.received_at.toISOString(),
        transport: r.transport,
        contract: r.contract_id,
        version: r.contract_version,
        producer: r.producer,
        key: r.key,
        code: r.code,
        message: r.message,
        details: r.details,
        payload: r.payload,
      }));
  }

  private async probeSelf(): Promise<ServiceHealth> {
    const started = performance.now();
    const report = await this.own.check();
    return {
      name: 'console',
      url: 'this console',
      up: report.status === 'ok',
      latencyMs: Math.round(performance.now() - started),
      report,
    };
  }
}

async function probe(name: string, url: string): Promise<ServiceHealth> {
  const started = performance.now();
  const latency = () => Math.round(performance.now() - started);
  try {
    const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(SERVICE_PROBE_TIMEOUT_MS) });
    const report = (await response.json().catch(() => undefined)) as unknown;
    return { name, url, up: response.status === 200, status: response.status, latencyMs: latency(), report };
  } catch (error) {
    return { name, url, up: false, latencyMs: latency(), error: describeError(error) };
  }
}

async function fetchText(url: string): Promise<string> {
  const response = await fetch(url, { signal: AbortSignal.timeout(SERVICE_PROBE_TIMEOUT_MS) });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return response.text();
}
