/**
 * What deploy/monitoring asks of /metrics: the metric names in the alert rules' and the Grafana
 * dashboard's PromQL (parsed with Prometheus' own grammar, @prometheus-io/lezer-promql), and the names a
 * service's Prometheus text exports (its families, with a histogram's _bucket, _sum and _count).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parser } from '@prometheus-io/lezer-promql';
import { parse as parseYaml } from 'yaml';
import { repoRoot } from '../../services/common/config/repo-root.js';

export const MONITORING_DIR = path.join(repoRoot(), 'deploy/monitoring');

/** Series Prometheus itself makes for every target. */
export const SCRAPE_SERIES = new Set(['up', 'scrape_duration_seconds', 'scrape_samples_scraped']);

export interface Query {
  /** Where it is: the alert or the panel. */
  where: string;
  expr: string;
}

export function ruleQueries(): Query[] {
  const rules = parseYaml(readFileSync(path.join(MONITORING_DIR, 'dx-hub.rules.yml'), 'utf8')) as {
    groups: { rules: { alert?: string; record?: string; expr: string }[] }[];
  };
  return rules.groups.flatMap((g) =>
    g.rules.map((r) => ({ where: `alert ${r.alert ?? r.record}`, expr: r.expr })),
  );
}

export function dashboardQueries(): Query[] {
  const dashboard = JSON.parse(readFileSync(path.join(MONITORING_DIR, 'dx-hub.dashboard.json'), 'utf8')) as {
    panels: { title: string; targets?: { expr: string }[] }[];
  };
  return dashboard.panels.flatMap((p) =>
    (p.targets ?? []).map((t) => ({ where: `panel "${p.title}"`, expr: t.expr })),
  );
}

/** The metric names a query selects, or the first syntax error in it. */
export function metricsOf(expr: string): { metrics: string[]; error?: string } {
  // Grafana's interval variables become a plain duration before Prometheus sees the query.
  const promql = expr.replace(/\$__(rate_)?interval/g, '5m');
  const metrics: string[] = [];
  let error: string | undefined;
  const cursor = parser.parse(promql).cursor();
  do {
    if (cursor.type.isError)
      error ??= `syntax error at ${cursor.from}: ${promql.slice(cursor.from, cursor.from + 20)}`;
    if (cursor.name === 'Identifier' && cursor.node.parent?.name === 'VectorSelector')
      metrics.push(promql.slice(cursor.from, cursor.to));
  } while (cursor.next());
  return { metrics, ...(error ? { error } : {}) };
}

/** Every series name a Prometheus text exposition offers (families named by # TYPE, and their samples). */
export function exportedNames(text: string): Set<string> {
  const names = new Set<string>();
  for (const line of text.split('\n')) {
    const type = /^# TYPE (\S+) (\S+)/.exec(line);
    if (type) {
      const [, name, kind] = type;
      names.add(name!);
      if (kind === 'histogram' || kind === 'summary')
        for (const suffix of ['_bucket', '_sum', '_count']) names.add(name! + suffix);
      continue;
    }
    const sample = /^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]/.exec(line);
    if (sample) names.add(sample[1]!);
  }
  return names;
}
