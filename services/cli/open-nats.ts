/** Opens a NATS connection for a command, turning "cannot connect" into one clear line. */
import { connect, type MsgHdrs, type NatsConnection } from '@nats-io/transport-node';
import { loadConfig } from '../common/config/config.js';
import { describeError } from '../common/errors/describe-error.js';
import { natsServerOptions } from '../common/nats/nats-url.js';
import { redactUrl } from '../common/url/redact-url.js';
import { CliFailure } from './exit-codes.js';

/**
 * A command that runs until interrupted (`dx tail --from`) asks to reconnect for as long as it runs; any
 * other gives up with the line, since it has one thing to ask.
 */
export async function openNats(options: { reconnect?: boolean } = {}): Promise<NatsConnection> {
  const url = loadConfig().natsUrl;
  const reconnect = options.reconnect
    ? { reconnect: true, maxReconnectAttempts: -1, reconnectTimeWait: 500 }
    : { reconnect: false };
  try {
    return await connect({ ...natsServerOptions(url), timeout: 3000, ...reconnect, name: 'dx' });
  } catch (error) {
    throw new CliFailure(`cannot reach NATS at ${redactUrl(url)}: ${describeError(error)} (set NATS_URL)`);
  }
}

/** A request that fails as a CliFailure naming the subject when nobody answers. */
export async function requestJson<T>(
  nats: NatsConnection,
  subject: string,
  body: string,
  headers?: MsgHdrs,
): Promise<T> {
  try {
    const reply = await nats.request(subject, body, { timeout: 10_000, headers });
    return reply.json<T>();
  } catch (error) {
    throw new CliFailure(`no answer on ${subject}: ${describeError(error)} (is the gateway running?)`);
  }
}
