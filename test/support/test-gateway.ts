/**
 * A gateway in this process, listening on a free port, for tests that run their own (several, or one
 * they stop and start again); and how often it has announced the store's head on dx.head.
 */
import type { INestApplication } from '@nestjs/common';
import { pino } from 'pino';
import { loadConfig, type DxConfig } from '../../services/common/config/config.js';
import { createGatewayApp } from '../../services/gateway/create-gateway-app.js';
import { HeadAnnouncer } from '../../services/gateway/head/head-announcer.js';

/** Starts a gateway on `databaseUrl` and `natsUrl`, the rest of its settings from the environment. */
export async function startTestGateway(
  settings: Pick<DxConfig, 'databaseUrl' | 'natsUrl'> & Partial<DxConfig>,
): Promise<INestApplication> {
  const app = await createGatewayApp({ ...loadConfig(), ...settings }, pino({ level: 'silent' }));
  await app.listen(0, '127.0.0.1');
  return app;
}

/** How many times this gateway has announced the store's fence and head so far. */
export function headAnnouncements(app: INestApplication): number {
  return app.get(HeadAnnouncer).announced;
}
