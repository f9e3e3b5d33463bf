/**
 * What the Sparkplug host knows of each edge node and its devices: whether they are born, the node's
 * birth/death sequence (bdSeq) and last message sequence number, and every metric's alias, latest value
 * and quality, so that a DDATA carrying only the changed metrics by alias still yields a complete
 * contracted message.
 */
import type { SparkplugMetric } from './sparkplug-codec.js';

export interface MetricValue {
  value: unknown;
  quality?: number;
  timestamp?: number;
}

export interface MetricSet {
  aliases: Map<number, string>;
  values: Map<string, MetricValue>;
}

export interface DeviceRecord extends MetricSet {
  online: boolean;
}

export interface NodeRecord extends MetricSet {
  group: string;
  node: string;
  born: boolean;
  bdSeq?: number;
  /** The last sequence number seen (0-255). */
  seq: number;
  devices: Map<string, DeviceRecord>;
  /** When the host last asked this node for a rebirth (ms). */
  rebirthAskedAt: number;
}

export class EdgeNodeTable {
  private readonly nodes = new Map<string, NodeRecord>();

  get(group: string, node: string): NodeRecord {
    const id = `${group}/${node}`;
    let record = this.nodes.get(id);
    if (!record) {
      record = {
        group,
        node,
        born: false,
        seq: -1,
        aliases: new Map(),
        values: new Map(),
        devices: new Map(),
        rebirthAskedAt: 0,
      };
      this.nodes.set(id, record);
    }
    return record;
  }

  all(): NodeRecord[] {
    return [...this.nodes.values()];
  }
}

/** A birth certificate's metrics define the set: names, aliases and first values. */
export function birthSet(metrics: SparkplugMetric[]): MetricSet {
  const set: MetricSet = { aliases: new Map(), values: new Map() };
  for (const metric of metrics) {
    if (!metric.name) continue;
    if (metric.alias !== undefined) set.aliases.set(metric.alias, metric.name);
    set.values.set(metric.name, {
      value: metric.value,
      quality: metric.quality,
      timestamp: metric.timestamp,
    });
  }
  return set;
}

/**
 * Applies data metrics to a set. Returns the aliases it does not know (the message then cannot be
 * read, and the host asks for a rebirth) without applying anything.
 */
export function applyData(set: MetricSet, metrics: SparkplugMetric[]): number[] {
  const unknown: number[] = [];
  const named = metrics.map((metric) => {
    const name = metric.name ?? (metric.alias !== undefined ? set.aliases.get(metric.alias) : undefined);
    if (name === undefined) unknown.push(metric.alias ?? -1);
    return { name, metric };
  });
  if (unknown.length > 0) return unknown;
  for (const { name, metric } of named)
    set.values.set(name!, { value: metric.value, quality: metric.quality, timestamp: metric.timestamp });
  return [];
}

/** The contract's quality flag from the metrics' Quality properties (OPC UA-like codes); good without any. */
export function qualityOf(set: MetricSet): 'good' | 'uncertain' | 'bad' {
  let worst: 'good' | 'uncertain' | 'bad' = 'good';
  for (const { quality } of set.values.values()) {
    if (quality === undefined) continue;
    if (quality < 64) return 'bad';
    if (quality < 192) worst = 'uncertain';
  }
  return worst;
}
