/**
 * Sparkplug B payloads (protobuf) through the Eclipse Tahu `sparkplug-payload` package, turned into
 * plain values: 64-bit integers (protobufjs Longs) become numbers, DateTime metrics ISO strings.
 */
import sparkplug from 'sparkplug-payload';
import type { UMetric, UPayload } from 'sparkplug-payload/lib/sparkplugbpayload.js';

const codec = sparkplug.get('spBv1.0')!;

export interface SparkplugMetric {
  name?: string;
  alias?: number;
  type: string;
  value: unknown;
  timestamp?: number;
  /** The metric's `Quality` property (OPC UA-like: 192 good, 64-127 uncertain, below 64 bad), if any. */
  quality?: number;
}

export interface SparkplugPayload {
  timestamp?: number;
  seq?: number;
  metrics: SparkplugMetric[];
}

/** Decodes a payload; throws with protobuf's reason when the bytes are not one. */
export function decodeSparkplug(bytes: Uint8Array): SparkplugPayload {
  const payload = codec.decodePayload(bytes);
  return {
    timestamp: numberOf(payload.timestamp),
    seq: numberOf(payload.seq),
    metrics: (payload.metrics ?? []).map(metricOf),
  };
}

export function encodeSparkplug(payload: UPayload): Buffer {
  return Buffer.from(codec.encodePayload(payload));
}

/** NCMD asking an edge node to publish its births again (Sparkplug B: Node Control/Rebirth). */
export function rebirthRequest(): Buffer {
  return encodeSparkplug({
    timestamp: Date.now(),
    metrics: [{ name: 'Node Control/Rebirth', type: 'Boolean', value: true }],
  });
}

function metricOf(metric: UMetric): SparkplugMetric {
  const quality = metric.properties?.Quality?.value;
  let value: unknown = metric.value;
  if (value !== null && typeof value === 'object' && 'low' in value) value = numberOf(value);
  if (metric.type === 'DateTime' && typeof value === 'number') value = new Date(value).toISOString();
  return {
    name: metric.name ?? undefined,
    alias: numberOf(metric.alias),
    type: metric.type,
    value,
    timestamp: numberOf(metric.timestamp),
    quality: numberOf(quality),
  };
}

function numberOf(value: unknown): number | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'number') return value;
  if (typeof value === 'object' && 'toNumber' in value) return (value as { toNumber(): number }).toNumber();
  return undefined;
}
