/**
 * Worker results as sim.results 1.1.0 payloads: one per model instance, flagged when a rule fired,
 * marked simulated and carrying their lineage.
 */
import type { ResultLineage } from './result-lineage.js';

export const RESULTS_CONTRACT = 'sim.results';
export const RESULTS_VERSION = '1.1.0';
export const FORECASTS_CONTRACT = 'sim.reactor-forecasts';
export const FORECASTS_VERSION = '1.1.0';

export interface ResultPayload {
  scenarioId: string;
  model: string;
  status: 'ok' | 'flagged' | 'error';
  time: number;
  values: Record<string, number>;
  units: Record<string, string>;
  message?: string;
  computedAt: string;
  origin: 'simulated';
  lineage: ResultLineage;
}

interface Flag {
  instance: string;
  code: string;
  message: string;
}

export function resultPayloads(
  scenarioId: string,
  time: number,
  outputs: Record<string, Record<string, number>>,
  units: Record<string, Record<string, string>>,
  flags: Flag[],
  computedAt: string,
  lineage: ResultLineage,
): ResultPayload[] {
  return Object.entries(outputs).map(([instance, values]) => {
    const own = flags.filter((f) => f.instance === instance);
    return {
      scenarioId,
      model: instance,
      status: own.length > 0 ? 'flagged' : 'ok',
      time,
      values,
      units: units[instance] ?? {},
      ...(own.length > 0 ? { message: own.map((f) => `${f.code}: ${f.message}`).join('; ') } : {}),
      computedAt,
      origin: 'simulated',
      lineage,
    };
  });
}

/** The payloads of a worker's `run` result: a static evaluation's outputs, or a dynamic run's final values. */
export function runResultPayloads(result: Record<string, unknown>, lineage: ResultLineage): ResultPayload[] {
  const computedAt = new Date().toISOString();
  const scenarioId = String(result.scenarioId);
  const units = result.units as Record<string, Record<string, string>>;
  const flags = (result.flags as Flag[] | undefined) ?? [];
  if (result.mode === 'static') {
    return resultPayloads(
      scenarioId,
      Number(result.time ?? 0),
      result.outputs as Record<string, Record<string, number>>,
      units,
      flags,
      computedAt,
      lineage,
    );
  }
  const times = result.times as number[];
  return resultPayloads(
    scenarioId,
    times[times.length - 1] ?? 0,
    result.final as Record<string, Record<string, number>>,
    units,
    flags,
    computedAt,
    lineage,
  );
}
