/**
 * A persistent MQTT session for an edge (mqtt.js, MQTT 5 or 3.1.1): clean start off and a session that
 * outlives the connection, so the broker keeps QoS 1 messages while the edge is away and sends again
 * whatever the edge had not acknowledged. Every QoS 1 message is acknowledged only once `onMessage`
 * says it is safe, in arrival order (AckWindow), while many are worked on at once.
 *
 * Why the acknowledgement is sent here: mqtt.js sends a PUBACK when `handleMessage`'s callback is
 * called without an error, and reads no further packet until then, which would allow one hub round trip
 * per message. So handleMessage answers with DEFERRED (mqtt.js then sends no PUBACK and goes on), and
 * the session sends each PUBACK itself through mqtt.js's own packet writer `_sendPacket`, which its
 * typings keep private. test/fault/mqtt-bridge-faults.spec.ts (SIGKILL mid-stream: nothing lost, nothing
 * twice) fails if a new mqtt.js changes either behaviour.
 */
import { connect, type IClientOptions, type IPublishPacket, type MqttClient } from 'mqtt';
import type { Logger } from 'pino';
import { AckWindow } from './ack-window.js';
import { METRICS, type EdgeMetrics } from './edge-metrics.js';

export interface PlantMessage {
  topic: string;
  payload: Buffer;
  qos: 0 | 1 | 2;
  /** The broker sends it again (after a reconnect). */
  dup: boolean;
  retain: boolean;
  /** MQTT 5 user properties, if any. */
  userProperties?: Record<string, string | string[]>;
}

export interface MqttSessionOptions {
  url: string;
  clientId: string;
  protocolVersion: 4 | 5;
  /** Messages worked on at once (MQTT 5 receive maximum, and where reading pauses). */
  maxInflight: number;
  /** MQTT 5: how long the broker keeps the session while the edge is away. */
  sessionExpirySeconds: number;
  /** Filters to subscribe to at QoS 1 (shared ones as `$share/<group>/<filter>`). */
  subscriptions: string[];
  will?: IClientOptions['will'];
  /** Resolves when the message is safe; it is acknowledged then. Never resolving means never acked. */
  onMessage: (message: PlantMessage) => Promise<void>;
  /** Called after each CONNACK (e.g. to publish a birth certificate). */
  onConnect?: (sessionPresent: boolean) => void;
  logger: Logger;
  metrics: EdgeMetrics;
}

/** Given to handleMessage's callback: mqtt.js then sends no PUBACK (see the module comment). */
const DEFERRED = Object.freeze(new Error('acknowledged by the edge once the hub has the message'));

/** How long close() waits for the hub's answers to the messages in flight. */
const DRAIN_MS = 5000;

type PacketWriter = { _sendPacket: (packet: object, callback?: () => void) => void };

export class MqttSession {
  private readonly window: AckWindow;
  private readonly working = new Set<Promise<void>>();
  private closing = false;
  private corked = false;
  private isSubscribed = false;
  readonly client: MqttClient;
  /** Resolves once the first subscription has been granted. */
  readonly ready: Promise<void>;

  constructor(private readonly options: MqttSessionOptions) {
    this.window = new AckWindow(options.maxInflight);
    const v5 = options.protocolVersion === 5;
    this.client = connect(options.url, {
      clientId: options.clientId,
      protocolVersion: options.protocolVersion,
      clean: false,
      reconnectPeriod: 1000,
      connectTimeout: 5000,
      manualConnect: true,
      resubscribe: true,
      will: options.will,
      properties: v5
        ? { sessionExpiryInterval: options.sessionExpirySeconds, receiveMaximum: options.maxInflight }
        : undefined,
    });
    this.client.handleMessage = (packet, callback) => this.receive(packet, callback);
    let resolveReady!: () => void;
    this.ready = new Promise((resolve) => (resolveReady = resolve));
    this.client.on('connect', (connack) => {
      options.metrics.set(METRICS.connected, 1, { to: 'mqtt' });
      options.logger.info({ sessionPresent: connack.sessionPresent }, 'connected to the MQTT broker');
      options.onConnect?.(connack.sessionPresent);
      if (!this.isSubscribed && options.subscriptions.length > 0) {
        this.client
          .subscribeAsync(
            options.subscriptions.map((topic) => topic),
            { qos: 1 },
          )
          .then((grants) => {
            const refused = grants.filter((g) => g.qos > 2);
            if (refused.length > 0)
              options.logger.error({ refused }, 'the broker refused a subscription of the mapping');
            this.isSubscribed = true;
            resolveReady();
          })
          .catch((error: unknown) => options.logger.warn({ err: error }, 'subscribing failed; will retry'));
      } else resolveReady();
    });
    this.client.on('close', () => {
      // Messages not yet acknowledged on this connection come again on the next one.
      this.window.reset();
      options.metrics.set(METRICS.connected, 0, { to: 'mqtt' });
    });
    this.client.on('error', (error) => options.logger.warn({ err: error }, 'MQTT connection trouble'));
    this.client.connect();
  }

  get connected(): boolean {
    return this.client.connected;
  }

  /** Whether the broker has granted the mapping's subscriptions. */
  get subscribed(): boolean {
    return this.isSubscribed || this.options.subscriptions.length === 0;
  }

  get inflight(): number {
    return this.window.size;
  }

  /** Publishes to the plant; resolves once the broker acknowledged it (QoS 1), across reconnects. */
  async publish(
    topic: string,
    payload: string | Buffer,
    options: { qos?: 0 | 1; retain?: boolean; userProperties?: Record<string, string> } = {},
  ): Promise<void> {
    await this.client.publishAsync(topic, payload, {
      qos: options.qos ?? 1,
      retain: options.retain ?? false,
      properties:
        this.options.protocolVersion === 5 && options.userProperties
          ? { userProperties: options.userProperties }
          : undefined,
    });
  }

  /** Stops taking messages, waits (a while) for those in flight to be safe and acknowledged, disconnects. */
  async close(): Promise<void> {
    this.closing = true;
    const drained = Promise.allSettled([...this.working]);
    await Promise.race([drained, new Promise((r) => setTimeout(r, DRAIN_MS).unref())]);
    await this.client.endAsync(false).catch(() => undefined);
  }

  private receive(packet: IPublishPacket, callback: (error?: Error) => void): void {
    if (this.closing) return callback(DEFERRED); // not taken: the broker sends it again later
    const message: PlantMessage = {
      topic: packet.topic,
      payload: Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload),
      qos: packet.qos,
      dup: packet.dup,
      retain: packet.retain,
      userProperties: packet.properties?.userProperties,
    };
    if (packet.qos === 0) {
      this.track(this.options.onMessage(message));
      return callback();
    }
    const messageId = packet.messageId!;
    const v5 = this.options.protocolVersion === 5;
    const safe = this.window.add(() => {
      if (!this.client.connected) return;
      this.corkUntilNextTick();
      (this.client as unknown as PacketWriter)._sendPacket(
        v5 ? { cmd: 'puback', messageId, reasonCode: 0 } : { cmd: 'puback', messageId },
      );
    });
    this.track(this.options.onMessage(message).then(safe));
    this.options.metrics.set(METRICS.inflight, this.window.size);
    // Reading pauses while the window is full: the broker keeps the rest.
    void this.window.room().then(() => callback(DEFERRED));
  }

  /** Acknowledgements released together leave in one write rather than one each. */
  private corkUntilNextTick(): void {
    if (this.corked) return;
    const stream = this.client.stream;
    if (!stream || typeof stream.cork !== 'function') return;
    this.corked = true;
    stream.cork();
    process.nextTick(() => {
      this.corked = false;
      stream.uncork();
    });
  }

  private track(work: Promise<void>): void {
    const tracked = work.catch((error: unknown) =>
      this.options.logger.error({ err: error }, 'a plant message was not taken; the broker sends it again'),
    );
    this.working.add(tracked);
    void tracked.finally(() => this.working.delete(tracked));
  }
}
