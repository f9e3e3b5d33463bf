/**
 * A worker's `health` result as an analytics.equipment-health 1.0.0 payload: the assessment, the sample
 * it assessed, and its lineage (the telemetry events it used, the functions and library that made it).
 */
export const HEALTH_CONTRACT = 'analytics.equipment-health';
export const HEALTH_VERSION = '1.0.0';

/** A run of events of one stream that an assessment used. */
export interface InputRun {
  contract: string;
  key: string;
  role: 'latest' | 'training' | 'indicator';
  fromPosition: number;
  toPosition: number;
  count: number;
}

export interface HealthResult {
  priority: string;
  recommendation: string;
  anomaly: {
    flag: boolean;
    isolated: boolean;
    score: number;
    threshold: number;
    forest: string;
    signals: { name: string; off: boolean }[];
  };
  rul: {
    status: string;
    reason: string;
    seconds?: number;
    lower?: number;
    upper?: number;
    confidence: number;
    model?: string;
    level?: number;
  };
  lineage: { library: string; functions: { id: string; version: string }[] };
}

export interface HealthPayloadParts {
  equipment: string;
  indicator: string;
  threshold: number;
  sample: Record<string, number | string>;
  inputs: InputRun[];
  assessedAt: string;
}

export function healthPayload(result: HealthResult, parts: HealthPayloadParts): Record<string, unknown> {
  const { rul, anomaly } = result;
  const remainingLife: Record<string, unknown> = {
    status: rul.status,
    reason: rul.reason,
    indicator: parts.indicator,
    threshold: parts.threshold,
    confidence: rul.confidence,
  };
  if (rul.seconds !== undefined) remainingLife.seconds = rul.seconds;
  if (rul.lower !== undefined) remainingLife.lowerSeconds = rul.lower;
  if (rul.upper !== undefined) remainingLife.upperSeconds = rul.upper;
  if (rul.model !== undefined) remainingLife.model = rul.model;
  if (rul.level !== undefined) remainingLife.level = rul.level;
  return {
    equipment: parts.equipment,
    origin: 'derived',
    priority: result.priority,
    recommendation: result.recommendation,
    anomaly: {
      flag: anomaly.flag,
      isolated: anomaly.isolated,
      score: anomaly.score,
      threshold: anomaly.threshold,
      signalsOff: anomaly.signals.filter((s) => s.off).map((s) => s.name),
    },
    remainingLife,
    sample: parts.sample,
    lineage: {
      inputs: parts.inputs,
      functions: result.lineage.functions,
      library: result.lineage.library,
      forest: anomaly.forest,
    },
    assessedAt: parts.assessedAt,
  };
}
