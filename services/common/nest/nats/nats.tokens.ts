/** Injection token of the nats module: the gateway's one NatsConnection. */
export const NATS_CONNECTION = Symbol('NATS_CONNECTION');
