/** Opens a NATS connection within a deadline, or fails with a NATS_UNREACHABLE error that names the URL. */
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { withTimeout } from '../../async/with-timeout.js';
import { describeError } from '../../errors/describe-error.js';
import { DxError } from '../../errors/dx-error.js';
import { natsServerOptions } from '../../nats/nats-url.js';
import { redactUrl } from '../../url/redact-url.js';

export interface ConnectNatsOptions {
  timeoutMs: number;
  /** Once connected, keep trying for ever when the server goes away (a gateway rides out a NATS restart). */
  keepReconnecting: boolean;
  name?: string;
}

export async function connectNats(url: string, options: ConnectNatsOptions): Promise<NatsConnection> {
  const pending = connect({
    ...natsServerOptions(url),
    name: options.name ?? 'dx-gateway',
    timeout: options.timeoutMs,
    reconnect: options.keepReconnecting,
    maxReconnectAttempts: options.keepReconnecting ? -1 : 0,
  });
  try {
    // The client's own timeout covers the handshake only; an unroutable address can take longer to fail.
    return await withTimeout(pending, options.timeoutMs, 'NATS');
  } catch (error) {
    // If the connection arrives after we gave up on it, nobody would ever close it.
    pending.then(
      (late) => late.close(),
      () => undefined,
    );
    const shown = redactUrl(url);
    throw new DxError('NATS_UNREACHABLE', `cannot reach NATS at ${shown} (${describeError(error)})`, {
      url: shown,
    });
  }
}
