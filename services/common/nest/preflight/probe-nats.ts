/** Whether the NATS server in a URL answers, within a deadline, said as an error a person can act on. */
import { DxError } from '../../errors/dx-error.js';
import { connectNats } from '../nats/connect-nats.js';

const HOW_TO_RUN =
  'To run one: apt-get install nats-server, then nats-server -js; ' +
  'or docker compose -f deploy/compose.yaml up -d. Or point NATS_URL at another server.';

export async function probeNats(natsUrl: string, timeoutMs: number): Promise<DxError | undefined> {
  try {
    const connection = await connectNats(natsUrl, {
      timeoutMs,
      keepReconnecting: false,
      name: 'dx-gateway-preflight',
    });
    await connection.close();
    return undefined;
  } catch (error) {
    if (error instanceof DxError)
      return new DxError(error.code, `${error.message}. ${HOW_TO_RUN}`, error.details);
    throw error;
  }
}
