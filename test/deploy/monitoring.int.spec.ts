/**
 * deploy/monitoring against the running hub: every alert rule and every dashboard query parses as
 * PromQL, and every metric they name is exported on /metrics by a service started as in production
 * (the gateway, registry, simulation and console of a test hub, and an MQTT bridge as a process).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { createConsoleApp } from '../../services/console/create-console-app.js';
import { loadConsoleConfig } from '../../services/console/console-config.js';
import { createRegistryApp } from '../../services/registry/create-registry-app.js';
import { createSimulationApp } from '../../services/simulation/create-simulation-app.js';
import { loadSimConfig } from '../../services/simulation/sim-config.js';
import { killEdges, spawnEdge, waitForEdge, type EdgeProcess } from '../support/edge-process.js';
import { startTestHub, type TestHub } from '../support/test-hub.js';
import { startTestMosquitto, type TestMosquitto } from '../support/test-mosquitto.js';
import {
  dashboardQueries,
  exportedNames,
  metricsOf,
  MONITORING_DIR,
  ruleQueries,
  SCRAPE_SERIES,
  type Query,
} from './monitoring-metrics.js';

let hub: TestHub;
let broker: TestMosquitto;
let edge: EdgeProcess;
const apps: INestApplication[] = [];
/** /metrics of every service, by job name as deploy/monitoring/prometheus.yml calls it. */
const scraped = new Map<string, Set<string>>();

async function listen(app: INestApplication): Promise<string> {
  apps.push(app);
  await app.listen(0, '127.0.0.1');
  return (await app.getUrl()).replace('[::1]', '127.0.0.1');
}

beforeAll(async () => {
  hub = await startTestHub();
  broker = await startTestMosquitto();
  const { config, quiet } = hub;
  const urls: Record<string, string> = {
    'dx-gateway': (await hub.gateway.getUrl()).replace('[::1]', '127.0.0.1'),
    'dx-registry': await listen(await createRegistryApp(config, quiet)),
    'dx-simulation': await listen(
      await createSimulationApp(config, quiet, { ...loadSimConfig({}), workers: 1, queueDepth: 1 }),
    ),
  };
  urls['dx-console'] = await listen(
    await createConsoleApp(config, quiet, {
      ...loadConsoleConfig({}),
      gatewayUrl: urls['dx-gateway']!,
      registryUrl: urls['dx-registry']!,
      simulationUrl: urls['dx-simulation']!,
    }),
  );
  edge = await spawnEdge('mqtt', [], {
    NATS_URL: hub.bus.url,
    MQTT_URL: broker.url,
    DX_EDGE_STATE_DIR: path.join(mkdtempSync(path.join(tmpdir(), 'dx-monitoring-')), 'state'),
  });
  await waitForEdge(edge, () => true);
  urls['dx-edges'] = edge.url;
  for (const [job, url] of Object.entries(urls)) {
    const response = await fetch(`${url}/metrics`);
    expect(response.status).toBe(200);
    scraped.set(job, exportedNames(await response.text()));
  }
}, 90_000);

afterAll(async () => {
  killEdges();
  for (const app of apps.reverse()) await app.close();
  await broker?.remove();
  await hub?.stop();
});

function unexported(queries: Query[]): string[] {
  const everywhere = new Set([...scraped.values()].flatMap((names) => [...names]));
  return queries.flatMap(({ where, expr }) => {
    const { metrics, error } = metricsOf(expr);
    if (error) return [`${where}: ${error}`];
    return metrics
      .filter((m) => !everywhere.has(m) && !SCRAPE_SERIES.has(m))
      .map((m) => `${where}: ${m} is exported by no service`);
  });
}

describe('deploy/monitoring', () => {
  it('scrapes every service the hub runs, at the paths they answer', () => {
    const config = parseYaml(readFileSync(path.join(MONITORING_DIR, 'prometheus.yml'), 'utf8')) as {
      rule_files: string[];
      scrape_configs: { job_name: string }[];
    };
    expect(config.scrape_configs.map((c) => c.job_name).sort()).toEqual([...scraped.keys()].sort());
    expect(config.rule_files).toEqual(['dx-hub.rules.yml']);
  });

  it('alerts only on metrics the services export, in queries Prometheus parses', () => {
    const queries = ruleQueries();
    const alerts = queries.map((q) => q.where);
    for (const wanted of [
      'DxIngestStalled',
      'DxRefusalsRising',
      'DxAckLatencyHigh',
      'DxDatabaseUnreachable',
      'DxSlowConsumers',
      'DxSimulationOverruns',
    ])
      expect(alerts).toContain(`alert ${wanted}`);
    expect(unexported(queries)).toEqual([]);
  });

  it('charts only metrics the services export, in queries Prometheus parses', () => {
    const queries = dashboardQueries();
    expect(queries.length).toBeGreaterThan(20);
    expect(unexported(queries)).toEqual([]);
  });

  it('gives every service the process metrics, the pool, NATS and health figures the alerts read', () => {
    for (const [job, names] of scraped) {
      expect([job, names.has('nodejs_eventloop_lag_p99_seconds')]).toEqual([job, true]);
      expect([job, names.has('nodejs_gc_duration_seconds_bucket')]).toEqual([job, true]);
      if (job === 'dx-edges') continue;
      for (const metric of ['dx_health_up', 'dx_db_pool_connections', 'dx_nats_reconnects_total'])
        expect([job, metric, names.has(metric)]).toEqual([job, metric, true]);
    }
  });

  it('notices a metric no service exports', () => {
    expect(unexported([{ where: 'test', expr: 'rate(dx_no_such_metric_total[5m])' }])).toEqual([
      'test: dx_no_such_metric_total is exported by no service',
    ]);
    expect(unexported([{ where: 'test', expr: 'rate(dx_ingest_events_total[5m]' }])[0]).toMatch(
      /syntax error/,
    );
  });
});
