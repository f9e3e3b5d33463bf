/**
 * The hub's own HTTP APIs under the console's origin: /console/api/gateway/* to the gateway,
 * /console/api/registry/* to the registry's /api/v1, /console/api/sim/* to the simulation's
 * /api/v1/sim. The browser then talks to one origin (no CORS, one place for its token), and every
 * call still reaches the service that decides it, with the caller's own bearer token: the console
 * adds no rights of its own. A service that does not answer is a 502 in the hub's error shape.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { RequestHandler } from 'express';
import { createProxyMiddleware } from 'http-proxy-middleware';
import type { Logger } from 'pino';
import { describeError } from '../../common/errors/describe-error.js';
import type { ConsoleConfig } from '../console-config.js';

export interface HubProxy {
  path: string;
  handler: RequestHandler;
}

/** How long a proxied call may take before the browser is told the service did not answer. */
export const PROXY_TIMEOUT_MS = 60_000;

export function hubProxies(config: ConsoleConfig, logger: Logger): HubProxy[] {
  const proxy = (path: string, service: string, target: string): HubProxy => ({
    path,
    handler: createProxyMiddleware<IncomingMessage, ServerResponse>({
      target,
      changeOrigin: true,
      proxyTimeout: PROXY_TIMEOUT_MS,
      on: {
        error: (error, _request, response) => {
          logger.warn({ service, target, error: describeError(error) }, 'proxied call failed');
          if (!isResponse(response) || response.headersSent) return;
          response.writeHead(502, { 'content-type': 'application/json' });
          response.end(
            JSON.stringify({
              ok: false,
              error: {
                code: 'SERVICE_UNREACHABLE',
                message: `the ${service} did not answer at ${target}: ${describeError(error)}`,
                details: { service, target },
              },
            }),
          );
        },
      },
    }) as unknown as RequestHandler,
  });
  return [
    proxy('/console/api/gateway', 'gateway', config.gatewayUrl),
    proxy('/console/api/registry', 'registry', `${config.registryUrl}/api/v1`),
    proxy('/console/api/sim', 'simulation', `${config.simulationUrl}/api/v1/sim`),
  ];
}

function isResponse(value: ServerResponse | Socket): value is ServerResponse {
  return 'writeHead' in value;
}
