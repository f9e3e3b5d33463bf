/**
 * GET /health and GET /metrics of an edge process, on DX_EDGE_PORT. Plain node:http: an edge is a
 * protocol adapter with two read-only endpoints, not an API that would earn a NestJS application.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EdgeMetrics } from './edge-metrics.js';

export interface EdgeHealth {
  status: 'ok' | 'degraded';
  [part: string]: unknown;
}

export async function serveEdgeHttp(
  port: number,
  host: string,
  metrics: EdgeMetrics,
  health: () => EdgeHealth,
): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((request, response) => {
    if (request.method === 'GET' && request.url === '/metrics') {
      void metrics.text().then(
        (text) => response.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text),
        () => response.writeHead(500).end(),
      );
    } else if (request.method === 'GET' && request.url === '/health') {
      const report = health();
      response
        .writeHead(report.status === 'ok' ? 200 : 503, { 'content-type': 'application/json' })
        .end(JSON.stringify(report));
    } else {
      response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${bound}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
