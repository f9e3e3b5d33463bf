/**
 * The MQTT bridge: one persistent MQTT session to the plant's broker, the inbound routes publishing
 * to the hub through the client library, and one outbound follower per followed contract writing the
 * hub's data back to plant topics. Several replicas share the inbound load through an MQTT 5 shared
 * subscription (`mqtt.sharedGroup`).
 */
import type { Logger } from 'pino';
import { EdgeHub } from '../shared/edge-hub.js';
import type { EdgeHealth } from '../shared/edge-http.js';
import type { EdgeMetrics } from '../shared/edge-metrics.js';
import type { EdgeSettings } from '../shared/edge-settings.js';
import { MqttSession } from '../shared/mqtt-session.js';
import { OutboundFollower } from '../shared/outbound-follower.js';
import { MqttInbound } from './mqtt-inbound.js';
import type { MqttMapping } from './mqtt-mapping.js';
import { MqttOutbound } from './mqtt-outbound.js';

export const DEFAULT_REFUSALS = { contract: 'scada.edge-refusals', version: '1.0.0' };
/** MQTT 5: the broker keeps a bridge's session this long while it is away (a week). */
export const DEFAULT_SESSION_EXPIRY_S = 7 * 24 * 3600;

export interface MqttBridge {
  readonly session: MqttSession;
  readonly hub: EdgeHub;
  /** Resolves once subscribed to the plant and caught up with the hub's outbound data. */
  readonly ready: Promise<void>;
  health(): EdgeHealth;
  close(): Promise<void>;
}

export async function startMqttBridge(
  mapping: MqttMapping,
  settings: EdgeSettings,
  logger: Logger,
  metrics: EdgeMetrics,
  replica = process.env.DX_EDGE_REPLICA || undefined,
): Promise<MqttBridge> {
  const hub = await EdgeHub.connect({
    settings,
    edge: mapping.edge,
    replica,
    adapter: 'mqtt',
    producer: mapping.producer,
    refusals: mapping.refusals ?? DEFAULT_REFUSALS,
    logger,
    metrics,
  });
  const inbound = new MqttInbound(mapping, hub, {
    maxItems: settings.batchItems,
    concurrency: settings.batchConcurrency,
  });
  const group = mapping.mqtt?.sharedGroup;
  const baseId = mapping.mqtt?.clientId ?? `dx-${mapping.edge}`;
  const session = new MqttSession({
    url: settings.mqttUrl,
    clientId: replica ? `${baseId}-${replica}` : baseId,
    protocolVersion: mapping.mqtt?.protocolVersion ?? 5,
    maxInflight: settings.maxInflight,
    sessionExpirySeconds: mapping.mqtt?.sessionExpirySeconds ?? DEFAULT_SESSION_EXPIRY_S,
    subscriptions: inbound.filters.map((filter) => (group ? `$share/${group}/${filter}` : filter)),
    onMessage: (message) => inbound.handle(message),
    logger,
    metrics,
  });
  const outbound = new MqttOutbound(mapping.outbound ?? [], session, logger);
  const followers = await Promise.all(
    outbound.follows.map(({ contract, major, from }) =>
      OutboundFollower.start({
        contract,
        major,
        from,
        write: (event) => outbound.write(event, major),
        hub,
        logger,
        metrics,
      }),
    ),
  );
  return {
    session,
    hub,
    ready: Promise.all([session.ready, ...followers.map((f) => f.caughtUp)]).then(() => undefined),
    health: () => ({
      status: session.connected && hub.connected ? 'ok' : 'degraded',
      mqtt: session.connected ? 'connected' : 'disconnected',
      subscribed: session.subscribed,
      hub: hub.connected ? 'connected' : 'disconnected',
      buffered: hub.buffered,
      inflight: session.inflight,
    }),
    async close() {
      await Promise.all(followers.map((f) => f.close()));
      await session.close();
      await hub.close();
    },
  };
}
