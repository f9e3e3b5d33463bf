/**
 * The Sparkplug B host application: follows the groups' NBIRTH/DBIRTH (metric names and aliases),
 * NDATA/DDATA (metrics, by name or alias, mapped to contract fields with the device's other latest
 * values), NDEATH/DDEATH (bdSeq checked), and checks every edge node's sequence numbers: a gap, an
 * unknown alias, data from a node or device it has no birth for, or an undecodable payload makes it ask
 * the node for a rebirth (NCMD Node Control/Rebirth, at most once per rebirthIntervalMs). It publishes
 * its own STATE (spBv1.0/STATE/<hostId>, retained, with a will that says offline), and every change of a
 * node's or device's online state as `scada.device-state`.
 *
 * Messages are handled in arrival order: everything that changes the table happens before the first
 * await of `handle`, which MqttSession calls in arrival order.
 */
import type { Logger } from 'pino';
import { deriveMsgId } from '../shared/derive-msg-id.js';
import { EdgeHub } from '../shared/edge-hub.js';
import type { EdgeHealth } from '../shared/edge-http.js';
import { METRICS, type EdgeMetrics } from '../shared/edge-metrics.js';
import type { EdgeSettings } from '../shared/edge-settings.js';
import { compileField, compileFields, type Resolve } from '../shared/field-spec.js';
import { MqttSession, type PlantMessage } from '../shared/mqtt-session.js';
import { tokenSafe } from '../shared/token-safe.js';
import {
  applyData,
  birthSet,
  EdgeNodeTable,
  qualityOf,
  type MetricSet,
  type NodeRecord,
} from './edge-node-table.js';
import { decodeSparkplug, rebirthRequest, type SparkplugPayload } from './sparkplug-codec.js';
import { routeMatches, type SparkplugMapping, type SparkplugRoute } from './sparkplug-mapping.js';
import {
  NAMESPACE,
  ncmdTopic,
  parseSparkplugTopic,
  stateTopic,
  type SparkplugTopic,
} from './sparkplug-topic.js';

export const DEFAULT_DEVICE_STATE = { contract: 'scada.device-state', version: '1.0.0' };
const DEFAULT_REFUSALS = { contract: 'scada.edge-refusals', version: '1.0.0' };
const DEFAULT_REBIRTH_INTERVAL_MS = 5000;
const SESSION_EXPIRY_S = 7 * 24 * 3600;

type StateReason = 'birth' | 'death' | 'node-death' | 'rebirth-requested';

export interface SparkplugHost {
  readonly session: MqttSession;
  readonly hub: EdgeHub;
  readonly ready: Promise<void>;
  health(): EdgeHealth;
  close(): Promise<void>;
}

export async function startSparkplugHost(
  mapping: SparkplugMapping,
  settings: EdgeSettings,
  logger: Logger,
  metrics: EdgeMetrics,
  replica = process.env.DX_EDGE_REPLICA || undefined,
): Promise<SparkplugHost> {
  const hub = await EdgeHub.connect({
    settings,
    edge: mapping.edge,
    replica,
    adapter: 'sparkplug',
    producer: mapping.producer,
    refusals: mapping.refusals ?? DEFAULT_REFUSALS,
    logger,
    metrics,
  });
  const host = new HostApplication(mapping, hub, logger, metrics);
  // STATE (Sparkplug 3.0): birth and will carry the same timestamp.
  const since = Date.now();
  const state = (online: boolean) => JSON.stringify({ online, timestamp: since });
  const baseId = mapping.mqtt?.clientId ?? `dx-${mapping.edge}`;
  const session = new MqttSession({
    url: settings.mqttUrl,
    clientId: replica ? `${baseId}-${replica}` : baseId,
    protocolVersion: 5,
    maxInflight: settings.maxInflight,
    sessionExpirySeconds: mapping.mqtt?.sessionExpirySeconds ?? SESSION_EXPIRY_S,
    subscriptions: (mapping.groups ?? ['+']).map((group) => `${NAMESPACE}/${group}/#`),
    will: { topic: stateTopic(mapping.hostId), payload: Buffer.from(state(false)), qos: 1, retain: true },
    onConnect: () =>
      void session
        .publish(stateTopic(mapping.hostId), state(true), { qos: 1, retain: true })
        .catch((error: unknown) => logger.warn({ err: error }, 'could not publish the host STATE')),
    onMessage: (message) => host.handle(message),
    logger,
    metrics,
  });
  host.attach(session);
  return {
    session,
    hub,
    ready: session.ready,
    health: () => ({
      status: session.connected && hub.connected ? 'ok' : 'degraded',
      mqtt: session.connected ? 'connected' : 'disconnected',
      subscribed: session.subscribed,
      hub: hub.connected ? 'connected' : 'disconnected',
      buffered: hub.buffered,
      nodes: host.summary(),
    }),
    async close() {
      await session
        .publish(stateTopic(mapping.hostId), state(false), { qos: 1, retain: true })
        .catch(() => undefined);
      await session.close();
      await hub.close();
    },
  };
}

class HostApplication {
  private readonly table = new EdgeNodeTable();
  private readonly routes: { route: SparkplugRoute; build: (c: object) => Promise<object>; key?: Resolve }[];
  private session!: MqttSession;

  constructor(
    private readonly mapping: SparkplugMapping,
    private readonly hub: EdgeHub,
    private readonly logger: Logger,
    private readonly metrics: EdgeMetrics,
  ) {
    this.routes = mapping.routes.map((route) => ({
      route,
      build: compileFields(route.fields),
      key: route.key === undefined ? undefined : compileField(route.key),
    }));
  }

  attach(session: MqttSession): void {
    this.session = session;
  }

  summary(): Record<string, { born: boolean; devices: string[] }> {
    return Object.fromEntries(
      this.table
        .all()
        .map((n) => [
          `${n.group}/${n.node}`,
          { born: n.born, devices: [...n.devices].filter(([, d]) => d.online).map(([id]) => id) },
        ]),
    );
  }

  /** One message; the table is updated synchronously, the hub's answers awaited at the end. */
  async handle(message: PlantMessage): Promise<void> {
    const work: Promise<unknown>[] = [];
    const msgId = deriveMsgId(this.mapping.edge, message.topic, message.payload);
    const refuse = (reason: string, text: string, details?: Record<string, unknown>) =>
      work.push(
        this.hub.recordRefusal({
          source: message.topic,
          reason,
          message: text,
          details,
          raw: message.payload,
          msgId,
        }),
      );
    const topic = parseSparkplugTopic(message.topic);
    if (!topic) {
      if (!message.topic.startsWith(`${NAMESPACE}/STATE/`))
        refuse('NOT_SPARKPLUG', `${message.topic} is not a Sparkplug B topic`);
      return void (await Promise.all(work));
    }
    if (topic.type === 'NCMD' || topic.type === 'DCMD') return; // commands, ours or another host's
    const node = this.table.get(topic.group, topic.node);
    let payload: SparkplugPayload;
    try {
      payload = decodeSparkplug(message.payload);
    } catch (error) {
      refuse('UNDECODABLE', `the payload on ${message.topic} is not a Sparkplug B payload`, {
        error: (error as Error).message,
      });
      this.askRebirth(node, work);
      return void (await Promise.all(work));
    }
    this.apply(topic, node, payload, message, msgId, work, refuse);
    await Promise.all(work);
  }

  private apply(
    topic: SparkplugTopic,
    node: NodeRecord,
    payload: SparkplugPayload,
    message: PlantMessage,
    msgId: string,
    work: Promise<unknown>[],
    refuse: (reason: string, text: string, details?: Record<string, unknown>) => void,
  ): void {
    if (topic.type === 'NBIRTH') {
      const set = birthSet(payload.metrics);
      const bdSeq = set.values.get('bdSeq')?.value;
      for (const [id, device] of node.devices)
        if (device.online) work.push(this.publishState(node, id, false, 'node-death', msgId));
      Object.assign(node, set, {
        born: true,
        bdSeq: typeof bdSeq === 'number' ? bdSeq : undefined,
        seq: payload.seq ?? 0,
        devices: new Map(),
      });
      work.push(this.publishState(node, undefined, true, 'birth', msgId));
      work.push(this.publishData(topic, node, undefined, node, payload, message, msgId));
      return;
    }
    if (topic.type === 'NDEATH') {
      const bdSeq = payload.metrics.find((m) => m.name === 'bdSeq')?.value;
      // A will from an earlier session of the node (a newer birth came first) says nothing now.
      if (node.bdSeq !== undefined && typeof bdSeq === 'number' && bdSeq !== node.bdSeq) return;
      if (!node.born) return;
      node.born = false;
      work.push(this.publishState(node, undefined, false, 'death', msgId));
      for (const [id, device] of node.devices) {
        if (!device.online) continue;
        device.online = false;
        work.push(this.publishState(node, id, false, 'node-death', msgId));
      }
      return;
    }
    if (!node.born) {
      refuse(
        'NOT_BORN',
        `${message.topic}: no NBIRTH of ${topic.group}/${topic.node} is known; asked for a rebirth`,
      );
      this.askRebirth(node, work);
      return;
    }
    const expected = (node.seq + 1) % 256;
    if (payload.seq !== expected) {
      this.metrics.count(METRICS.gaps, { group: node.group });
      this.logger.warn({ topic: message.topic, expected, got: payload.seq }, 'Sparkplug sequence gap');
      this.askRebirth(node, work, msgId);
    }
    node.seq = payload.seq ?? expected;
    const deviceId = topic.device;
    if (topic.type === 'DBIRTH') {
      const device = { ...birthSet(payload.metrics), online: true };
      node.devices.set(deviceId!, device);
      work.push(this.publishState(node, deviceId, true, 'birth', msgId));
      work.push(this.publishData(topic, node, deviceId, device, payload, message, msgId));
      return;
    }
    if (topic.type === 'DDEATH') {
      const device = node.devices.get(deviceId!);
      if (device?.online) {
        device.online = false;
        work.push(this.publishState(node, deviceId, false, 'death', msgId));
      }
      return;
    }
    const device = deviceId === undefined ? undefined : node.devices.get(deviceId);
    const set: MetricSet | undefined = deviceId === undefined ? node : device?.online ? device : undefined;
    if (!set) {
      refuse('NOT_BORN', `${message.topic}: no DBIRTH of device ${deviceId} is known; asked for a rebirth`);
      this.askRebirth(node, work);
      return;
    }
    const unknown = applyData(set, payload.metrics);
    if (unknown.length > 0) {
      refuse(
        'UNKNOWN_ALIAS',
        `${message.topic} uses aliases no birth defined: ${unknown.join(', ')}; asked for a rebirth`,
        {
          aliases: unknown,
        },
      );
      this.askRebirth(node, work);
      return;
    }
    work.push(this.publishData(topic, node, deviceId, set, payload, message, msgId));
  }

  private async publishData(
    topic: SparkplugTopic,
    node: NodeRecord,
    device: string | undefined,
    set: MetricSet,
    payload: SparkplugPayload,
    message: PlantMessage,
    msgId: string,
  ): Promise<void> {
    const compiled = this.routes.find((r) => routeMatches(r.route, node.group, node.node, device));
    if (!compiled) return; // metrics the mapping does not want (e.g. a node's own bdSeq)
    const context = {
      group: topic.group,
      node: topic.node,
      device,
      metrics: Object.fromEntries([...set.values].map(([name, v]) => [name, v.value])),
      timestamp: new Date(payload.timestamp ?? Date.now()).toISOString(),
      quality: qualityOf(set),
      seq: payload.seq,
      receivedAt: new Date().toISOString(),
    };
    let data: object;
    let key: unknown;
    try {
      data = await compiled.build(context);
      key = compiled.key ? await compiled.key(context) : undefined;
    } catch (error) {
      await this.hub.recordRefusal({
        source: message.topic,
        reason: 'MAPPING_FAILED',
        message: `the mapping failed on ${message.topic}: ${(error as Error).message}`,
        raw: message.payload,
        msgId,
      });
      return;
    }
    await this.hub.publish(
      compiled.route.contract,
      compiled.route.version,
      data,
      msgId,
      typeof key === 'string' || typeof key === 'number' ? String(key) : undefined,
      { source: message.topic, raw: message.payload },
    );
  }

  private publishState(
    node: NodeRecord,
    device: string | undefined,
    online: boolean,
    reason: StateReason,
    cause: string,
  ): Promise<unknown> {
    const id = tokenSafe(['spb', node.group, node.node, ...(device === undefined ? [] : [device])].join(':'));
    const state: Record<string, unknown> = {
      id,
      adapter: 'sparkplug',
      edge: this.mapping.edge,
      group: node.group,
      node: node.node,
      online,
      reason,
      at: new Date().toISOString(),
    };
    if (device !== undefined) state.device = device;
    if (node.bdSeq !== undefined) state.bdSeq = node.bdSeq;
    const target = this.mapping.deviceState ?? DEFAULT_DEVICE_STATE;
    return this.hub.publish(
      target.contract,
      target.version,
      state,
      deriveMsgId(this.mapping.edge, cause, id, reason),
      id,
      {
        source: `${NAMESPACE}/${node.group}/${node.node}${device ? `/${device}` : ''}`,
      },
    );
  }

  /** NCMD Node Control/Rebirth, at most once per interval per node. */
  private askRebirth(node: NodeRecord, work: Promise<unknown>[], cause?: string): void {
    const now = Date.now();
    if (now - node.rebirthAskedAt < (this.mapping.rebirthIntervalMs ?? DEFAULT_REBIRTH_INTERVAL_MS)) return;
    node.rebirthAskedAt = now;
    this.metrics.count(METRICS.rebirths, { group: node.group });
    this.logger.info({ group: node.group, node: node.node }, 'asked a Sparkplug edge node for a rebirth');
    work.push(
      this.session
        .publish(ncmdTopic(node.group, node.node), rebirthRequest(), { qos: 0 })
        .catch((error: unknown) => this.logger.warn({ err: error }, 'could not send a rebirth request')),
    );
    if (cause && node.born) work.push(this.publishState(node, undefined, true, 'rebirth-requested', cause));
  }
}
