/**
 * The ammonia unit's Sparkplug B edge node as the plant runs it: NBIRTH and a DBIRTH per device on
 * every connection, on a rebirth request (NCMD Node Control/Rebirth) and when the host application's
 * STATE says online; DDATA of every metric by alias each tick, with the node's sequence number; an
 * NDEATH will with the session's bdSeq. Births and data go at QoS 0, as the specification says.
 */
import { connect, type MqttClient } from 'mqtt';
import sparkplug from 'sparkplug-payload';
import type { UMetric } from 'sparkplug-payload/lib/sparkplugbpayload.js';

const codec = sparkplug.get('spBv1.0')!;

export interface DeviceMetrics {
  /** Metric name to value, in a fixed order: aliases are positions. */
  [metric: string]: number;
}

export class SparkplugEdgeNode {
  private readonly client: MqttClient;
  private seq = 0;
  private born = false;
  private readonly bdSeq = Math.floor(Date.now() / 1000) % 256;
  private devices: Record<string, DeviceMetrics> = {};
  /** Sparkplug messages sent since start. */
  sent = 0;

  constructor(
    url: string,
    private readonly group: string,
    private readonly node: string,
    private readonly hostId: string,
  ) {
    this.client = connect(url, {
      clientId: `plant-${group}-${node}`,
      protocolVersion: 5,
      clean: true,
      reconnectPeriod: 1000,
      will: {
        topic: this.topic('NDEATH'),
        payload: Buffer.from(codec.encodePayload({ timestamp: Date.now(), metrics: [this.bdSeqMetric()] })),
        qos: 1,
        retain: false,
      },
    });
    this.client.on('connect', () => {
      void this.client
        .subscribeAsync([this.topic('NCMD'), `spBv1.0/STATE/${hostId}`], { qos: 1 })
        .catch(() => undefined);
      this.birth();
    });
    this.client.on('message', (topic, payload) => this.command(topic, payload));
    this.client.on('error', () => undefined);
  }

  /** Publishes the devices' current metrics (the first call after a birth defines them). */
  update(devices: Record<string, DeviceMetrics>): void {
    const first = Object.keys(this.devices).length === 0;
    this.devices = devices;
    if (first || !this.born) return this.birth();
    for (const [device, metrics] of Object.entries(devices)) {
      const list: UMetric[] = Object.values(metrics).map((value, alias) => ({
        alias: alias + 1,
        type: 'Double',
        value,
      }));
      this.send('DDATA', list, device);
    }
  }

  async close(): Promise<void> {
    // A clean stop says so: NDEATH, as the will would.
    this.send('NDEATH', [this.bdSeqMetric()]);
    await this.client.endAsync().catch(() => undefined);
  }

  private birth(): void {
    if (!this.client.connected || Object.keys(this.devices).length === 0) return;
    this.seq = 0;
    this.send('NBIRTH', [
      this.bdSeqMetric(),
      { name: 'Node Control/Rebirth', type: 'Boolean', value: false },
    ]);
    for (const [device, metrics] of Object.entries(this.devices)) {
      const list: UMetric[] = Object.entries(metrics).map(([name, value], alias) => ({
        name,
        alias: alias + 1,
        type: 'Double',
        value,
      }));
      this.send('DBIRTH', list, device);
    }
    this.born = true;
  }

  private command(topic: string, payload: Buffer): void {
    try {
      if (topic.startsWith('spBv1.0/STATE/')) {
        if ((JSON.parse(payload.toString()) as { online?: boolean }).online === true) this.birth();
        return;
      }
      const rebirth = codec.decodePayload(payload).metrics?.find((m) => m.name === 'Node Control/Rebirth');
      if (rebirth?.value === true) this.birth();
    } catch {
      // A command the node cannot read is ignored, as a real node would.
    }
  }

  private send(type: string, metrics: UMetric[], device?: string): void {
    const payload: { timestamp: number; metrics: UMetric[]; seq?: number } = {
      timestamp: Date.now(),
      metrics,
    };
    if (type !== 'NDEATH') {
      payload.seq = this.seq;
      this.seq = (this.seq + 1) % 256;
    }
    this.sent++;
    void this.client
      .publishAsync(this.topic(type, device), Buffer.from(codec.encodePayload(payload)), { qos: 0 })
      .catch(() => undefined);
  }

  private topic(type: string, device?: string): string {
    return `spBv1.0/${this.group}/${type}/${this.node}${device ? `/${device}` : ''}`;
  }

  private bdSeqMetric(): UMetric {
    return { name: 'bdSeq', type: 'UInt64', value: this.bdSeq };
  }
}
