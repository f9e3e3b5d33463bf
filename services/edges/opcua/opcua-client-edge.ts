/**
 * The OPC UA client edge (node-opcua): one session to the plant's server, one subscription whose
 * monitored items are the mapping's nodes (sampling and publishing intervals from the mapping). Each
 * publish response is one notification message; the values of one equipment in it are assembled, with
 * that equipment's other latest values, into one contracted message: StatusCode gives the quality flag
 * (the worst of the equipment's values) and the newest SourceTimestamp the sourceTimestamp.
 *
 * A lost connection is retried forever. node-opcua transfers the subscription to the new session, or
 * recreates it and its monitored items when the server restarted; the edge records the loss and the
 * recovery with the gap (from, to, seconds) as `scada.device-state`. Setpoints followed from the hub
 * are written to the SV nodes, one at a time, in order.
 */
import path from 'node:path';
import { OPCUACertificateManager } from 'node-opcua-certificate-manager';
import {
  AttributeIds,
  DataChangeNotification,
  DataType,
  MessageSecurityMode,
  OPCUAClient,
  SecurityPolicy,
  TimestampsToReturn,
  type ClientSession,
  type DataValue,
  type NotificationMessage,
} from 'node-opcua-client';
import type { Logger } from 'pino';
import type { EventEnvelope } from '../../client/index.js';
import { deriveMsgId } from '../shared/derive-msg-id.js';
import { EdgeHub } from '../shared/edge-hub.js';
import type { EdgeHealth } from '../shared/edge-http.js';
import { METRICS, type EdgeMetrics } from '../shared/edge-metrics.js';
import type { EdgeSettings } from '../shared/edge-settings.js';
import { compileField, type Resolve } from '../shared/field-spec.js';
import { OutboundFollower } from '../shared/outbound-follower.js';
import { tokenSafe } from '../shared/token-safe.js';
import { isNodeField, type EquipmentRoute, type OpcuaMapping, type SetpointRoute } from './opcua-mapping.js';
import { qualityOf, worst, type Quality } from './status-quality.js';

const DEFAULT_REFUSALS = { contract: 'scada.edge-refusals', version: '1.0.0' };
const DEFAULT_DEVICE_STATE = { contract: 'scada.device-state', version: '1.0.0' };
const DEFAULT_PUBLISHING_MS = 1000;
const RETRY_WRITE_MS = 500;

interface Latest {
  value: unknown;
  quality: Quality;
  sourceTimestamp?: Date;
}

interface Equipment {
  route: EquipmentRoute;
  /** Field name to its node, for the monitored fields. */
  nodes: [field: string, nodeId: string][];
  derived: [field: string, resolve: Resolve][];
  latest: Map<string, Latest>;
}

export interface OpcuaEdge {
  readonly hub: EdgeHub;
  /** Resolves once the subscription is up and the setpoints caught up. */
  readonly ready: Promise<void>;
  health(): EdgeHealth;
  close(): Promise<void>;
}

export async function startOpcuaClient(
  mapping: OpcuaMapping,
  settings: EdgeSettings,
  logger: Logger,
  metrics: EdgeMetrics,
  replica = process.env.DX_EDGE_REPLICA || undefined,
): Promise<OpcuaEdge> {
  const hub = await EdgeHub.connect({
    settings,
    edge: mapping.edge,
    replica,
    adapter: 'opcua',
    producer: mapping.producer,
    refusals: mapping.refusals ?? DEFAULT_REFUSALS,
    logger,
    metrics,
  });
  const edge = new OpcuaClientEdge(mapping, hub, logger, metrics);
  await edge.open();
  const followers = await Promise.all(
    distinct(mapping.setpoints ?? []).map(({ contract, major, from }) =>
      OutboundFollower.start({
        contract,
        major,
        from,
        write: (event) => edge.writeSetpoint(event, major),
        hub,
        logger,
        metrics,
      }),
    ),
  );
  return {
    hub,
    ready: Promise.all([edge.subscribed, ...followers.map((f) => f.caughtUp)]).then(() => undefined),
    health: () => ({
      status: edge.connected && hub.connected ? 'ok' : 'degraded',
      opcua: edge.connected ? 'connected' : 'disconnected',
      subscribed: edge.isSubscribed,
      hub: hub.connected ? 'connected' : 'disconnected',
      buffered: hub.buffered,
    }),
    async close() {
      await Promise.all(followers.map((f) => f.close()));
      await edge.close();
      await hub.close();
    },
  };
}

class OpcuaClientEdge {
  private readonly client: OPCUAClient;
  private session?: ClientSession;
  private readonly equipment: Equipment[];
  /** clientHandle of a monitored item to its equipment and field. */
  private readonly handles = new Map<number, { equipment: Equipment; field: string }>();
  private closing = false;
  private up = false;
  private lostAt?: Date;
  private readonly work = new Set<Promise<unknown>>();
  isSubscribed = false;
  readonly subscribed: Promise<void>;
  private markSubscribed!: () => void;
  private readonly certificates: OPCUACertificateManager;

  constructor(
    private readonly mapping: OpcuaMapping,
    private readonly hub: EdgeHub,
    private readonly logger: Logger,
    private readonly metrics: EdgeMetrics,
  ) {
    this.subscribed = new Promise((resolve) => (this.markSubscribed = resolve));
    this.equipment = (mapping.equipment ?? []).map((route) => ({
      route,
      nodes: Object.entries(route.fields).flatMap(([field, spec]) =>
        isNodeField(spec) ? [[field, spec.node] as [string, string]] : [],
      ),
      derived: Object.entries(route.fields).flatMap(([field, spec]) =>
        isNodeField(spec) ? [] : [[field, compileField(spec)] as [string, Resolve]],
      ),
      latest: new Map(),
    }));
    const security = mapping.security ?? {};
    this.certificates = new OPCUACertificateManager({
      rootFolder: security.pkiDir ?? path.join(hub.stateDir, 'pki'),
      automaticallyAcceptUnknownCertificate: security.trustUnknownServers ?? false,
    });
    this.client = OPCUAClient.create({
      applicationName: `dx-${mapping.edge}`,
      endpointMustExist: false,
      securityMode: MessageSecurityMode[security.mode ?? 'None'],
      securityPolicy: SecurityPolicy[security.policy ?? 'None'],
      connectionStrategy: { maxRetry: -1, initialDelay: 250, maxDelay: 2000 },
      keepSessionAlive: true,
      clientCertificateManager: this.certificates,
    });
    this.client.on('connection_lost', () => this.lost('session-lost'));
    this.client.on('connection_reestablished', () => this.logger.info('OPC UA connection reestablished'));
  }

  get connected(): boolean {
    return this.up;
  }

  /** Starts connecting; resolves at once (the edge keeps trying while the server is away). */
  async open(): Promise<void> {
    await this.certificates.initialize();
    void this.connectUntilOpen();
  }

  /** The server may not be there yet (or refuse for a while): try again until the session is open. */
  private async connectUntilOpen(): Promise<void> {
    for (let attempt = 0; !this.closing; attempt++) {
      try {
        return await this.connectFirst();
      } catch (error) {
        this.logger.warn({ err: error, attempt }, 'could not open the OPC UA session yet; retrying');
        await this.client.disconnect().catch(() => undefined);
        await new Promise((r) => setTimeout(r, Math.min(5000, 500 * (attempt + 1))));
      }
    }
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.allSettled([...this.work]);
    await this.session?.close().catch(() => undefined);
    await this.client.disconnect().catch(() => undefined);
    await this.certificates.dispose().catch(() => undefined);
  }

  /** Writes the setpoint's fields to their SV nodes; false when no route takes it. */
  async writeSetpoint(event: EventEnvelope, major: number): Promise<boolean> {
    let wrote = false;
    for (const route of this.mapping.setpoints ?? []) {
      if (route.contract !== event.contract || route.major !== major) continue;
      const data = event.data as Record<string, unknown>;
      if (route.match && !Object.entries(route.match).every(([f, v]) => data[f] === v)) continue;
      for (const [field, nodeId] of Object.entries(route.write)) {
        if (data[field] === undefined) continue;
        await this.writeNode(route, nodeId, data[field], event);
        wrote = true;
      }
    }
    return wrote;
  }

  private async writeNode(
    route: SetpointRoute,
    nodeId: string,
    value: unknown,
    event: EventEnvelope,
  ): Promise<void> {
    for (;;) {
      if (this.closing) throw new Error('closing: the setpoint is written by the next start');
      const session = this.session;
      if (session && this.up) {
        try {
          const status = await session.write({
            nodeId,
            attributeId: AttributeIds.Value,
            value: { value: { dataType: DataType[route.dataType ?? 'Double'], value } },
          });
          if (status.isGood()) return;
          this.metrics.count(METRICS.writeFailures, {
            code: status.name,
          });
          this.logger.error(
            { nodeId, status: status.toString(), position: event.position },
            'the OPC UA server refused a setpoint write',
          );
          return;
        } catch (error) {
          this.logger.warn({ err: error, nodeId }, 'setpoint write failed; retrying');
        }
      }
      await new Promise((r) => setTimeout(r, RETRY_WRITE_MS));
    }
  }

  private async connectFirst(): Promise<void> {
    await this.client.connect(this.mapping.endpoint);
    if (this.closing) return;
    const session = await this.client.createSession();
    this.session = session;
    session.on('session_restored', () => this.restored());
    this.up = true;
    this.metrics.set(METRICS.connected, 1, { to: 'opcua' });
    this.logger.info({ endpoint: this.mapping.endpoint }, 'OPC UA session open');
    if (this.equipment.length > 0) await this.subscribe(session);
    this.isSubscribed = true;
    this.markSubscribed();
    this.track(this.publishState(true, 'connected'));
  }

  private async subscribe(session: ClientSession): Promise<void> {
    const settings = this.mapping.subscription ?? {};
    const publishing = settings.publishingIntervalMs ?? DEFAULT_PUBLISHING_MS;
    const subscription = await session.createSubscription2({
      requestedPublishingInterval: publishing,
      requestedLifetimeCount: 120,
      requestedMaxKeepAliveCount: 10,
      maxNotificationsPerPublish: 0,
      publishingEnabled: true,
      priority: 10,
    });
    const items = this.equipment.flatMap((equipment) =>
      equipment.nodes.map(([field, nodeId]) => ({ equipment, field, nodeId })),
    );
    const group = await subscription.monitorItems(
      items.map(({ nodeId }) => ({ nodeId, attributeId: AttributeIds.Value })),
      {
        samplingInterval: settings.samplingIntervalMs ?? publishing,
        discardOldest: true,
        queueSize: settings.queueSize ?? 10,
      },
      TimestampsToReturn.Both,
    );
    group.monitoredItems.forEach((item, i) => {
      this.handles.set(item.monitoringParameters.clientHandle, items[i]!);
    });
    subscription.on('raw_notification', (message) => this.notified(message));
    subscription.on('terminated', () => this.logger.warn('the OPC UA subscription was terminated'));
  }

  /**
   * One publish response: each equipment it touches becomes one message. When the response carries
   * several samples of a value (the queue of a monitored item filled within one publishing interval),
   * the equipment gets one message per SourceTimestamp, oldest first, so no sample is lost.
   */
  private notified(message: NotificationMessage): void {
    const touched = new Map<Equipment, Map<number, { field: string; value: DataValue }[]>>();
    for (const data of message.notificationData ?? []) {
      if (!(data instanceof DataChangeNotification)) continue;
      for (const item of data.monitoredItems ?? []) {
        const target = this.handles.get(item.clientHandle);
        if (!target) continue;
        const at = item.value.sourceTimestamp?.getTime() ?? 0;
        let samples = touched.get(target.equipment);
        if (!samples) touched.set(target.equipment, (samples = new Map()));
        const group = samples.get(at) ?? [];
        group.push({ field: target.field, value: item.value });
        samples.set(at, group);
      }
    }
    for (const [equipment, samples] of touched) {
      for (const at of [...samples.keys()].sort((a, b) => a - b)) {
        for (const { field, value } of samples.get(at)!) this.remember(equipment, field, value);
        this.track(this.publishEquipment(equipment, at > 0 ? new Date(at) : undefined));
      }
    }
  }

  private remember(equipment: Equipment, field: string, dataValue: DataValue): void {
    const before = equipment.latest.get(field);
    const raw: unknown = dataValue.value?.value;
    const usable = typeof raw === 'number' || typeof raw === 'boolean' || typeof raw === 'string';
    equipment.latest.set(field, {
      // A Bad value without a number keeps the last one, flagged by the quality.
      value: usable ? raw : before?.value,
      quality: qualityOf(dataValue.statusCode),
      sourceTimestamp: dataValue.sourceTimestamp ?? before?.sourceTimestamp,
    });
  }

  private async publishEquipment(equipment: Equipment, newest: Date | undefined): Promise<void> {
    const missing = equipment.nodes.filter(([field]) => equipment.latest.get(field)?.value === undefined);
    if (missing.length > 0) return; // not all values known yet: the first complete publish sends it
    const values = Object.fromEntries(
      equipment.nodes.map(([field]) => [field, equipment.latest.get(field)!.value]),
    );
    const context = {
      values,
      quality: worst(equipment.nodes.map(([field]) => equipment.latest.get(field)!.quality)),
      sourceTimestamp: (newest ?? new Date()).toISOString(),
      receivedAt: new Date().toISOString(),
    };
    const payload: Record<string, unknown> = { ...values };
    for (const [field, resolve] of equipment.derived) {
      const value = await resolve(context);
      if (value !== undefined) payload[field] = value;
    }
    const { contract, version, key } = equipment.route;
    const msgId = deriveMsgId(this.mapping.edge, contract, key ?? '', JSON.stringify(payload));
    await this.hub.publish(contract, version, payload, msgId, key, {
      source: `${this.mapping.endpoint} ${contract}`,
    });
  }

  private lost(reason: 'session-lost'): void {
    if (!this.up) return;
    this.up = false;
    this.lostAt = new Date();
    this.metrics.set(METRICS.connected, 0, { to: 'opcua' });
    this.logger.warn({ endpoint: this.mapping.endpoint }, 'OPC UA connection lost');
    this.track(this.publishState(false, reason));
  }

  private restored(): void {
    this.up = true;
    this.metrics.set(METRICS.connected, 1, { to: 'opcua' });
    const from = this.lostAt;
    const to = new Date();
    this.lostAt = undefined;
    this.metrics.count(METRICS.gaps);
    this.logger.info({ gapFrom: from, gapTo: to }, 'OPC UA session restored');
    this.track(this.publishState(true, 'session-restored', from, to));
  }

  private publishState(online: boolean, reason: string, gapFrom?: Date, gapTo?: Date): Promise<unknown> {
    const id = tokenSafe(`opcua:${this.mapping.edge}`);
    const at = new Date();
    const state: Record<string, unknown> = {
      id,
      adapter: 'opcua',
      edge: this.mapping.edge,
      endpoint: this.mapping.endpoint,
      online,
      reason,
      at: at.toISOString(),
    };
    if (gapFrom && gapTo) {
      state.gapFrom = gapFrom.toISOString();
      state.gapTo = gapTo.toISOString();
      state.gapSeconds = Math.max(0, (gapTo.getTime() - gapFrom.getTime()) / 1000);
    }
    const target = this.mapping.deviceState ?? DEFAULT_DEVICE_STATE;
    return this.hub.publish(
      target.contract,
      target.version,
      state,
      deriveMsgId(this.mapping.edge, 'state', id, reason, at.toISOString()),
      id,
      { source: this.mapping.endpoint },
    );
  }

  private track(work: Promise<unknown>): void {
    const tracked = work.catch((error: unknown) =>
      this.logger.error({ err: error }, 'OPC UA edge work failed'),
    );
    this.work.add(tracked);
    void tracked.finally(() => this.work.delete(tracked));
  }
}

function distinct(routes: SetpointRoute[]): { contract: string; major: number; from?: number }[] {
  const seen = new Map<string, { contract: string; major: number; from?: number }>();
  for (const r of routes)
    seen.set(`${r.contract}@${r.major}`, { contract: r.contract, major: r.major, from: r.from });
  return [...seen.values()];
}
