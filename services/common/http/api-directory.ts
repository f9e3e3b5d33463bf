/**
 * Every API description of every service, in one list: what the gateway's, the registry's and the
 * simulation's /docs pages link. Another service's address is its *_URL setting when set (what a
 * deployment publishes), else its default port on the host the browser asked for.
 */
import type { Request } from 'express';
import { positiveInteger } from '../config/env-integer.js';

export type ServiceName = 'gateway' | 'registry' | 'simulation' | 'console';

export interface ApiDescription {
  service: ServiceName;
  title: string;
  path: string;
}

export const API_DESCRIPTIONS: readonly ApiDescription[] = [
  { service: 'gateway', title: 'HTTP API, for people', path: '/docs' },
  { service: 'gateway', title: 'HTTP API, OpenAPI 3.1', path: '/docs/openapi.json' },
  { service: 'registry', title: 'HTTP API, for people', path: '/api/v1/docs' },
  { service: 'registry', title: 'HTTP API, OpenAPI 3.1', path: '/api/v1/openapi.json' },
  { service: 'registry', title: 'Every live contract on NATS, AsyncAPI 3.0', path: '/api/v1/asyncapi.json' },
  {
    service: 'registry',
    title: 'Contract reference: every live contract, for people',
    path: '/api/v1/docs/contracts.html',
  },
  { service: 'simulation', title: 'HTTP API, for people', path: '/docs' },
  { service: 'simulation', title: 'HTTP API, OpenAPI 3.1', path: '/docs/openapi.json' },
  {
    service: 'console',
    title: 'The console: registry, reviews, live values, audit, simulation, health',
    path: '/console/',
  },
];

const DEFAULTS: Record<ServiceName, { url: string; port: string; fallback: number }> = {
  gateway: { url: 'DX_GATEWAY_URL', port: 'PORT', fallback: 8080 },
  registry: { url: 'DX_REGISTRY_URL', port: 'REGISTRY_PORT', fallback: 8081 },
  simulation: { url: 'DX_SIM_URL', port: 'SIM_PORT', fallback: 8082 },
  console: { url: 'DX_CONSOLE_URL', port: 'CONSOLE_PORT', fallback: 8083 },
};

/** Where a service answers, as seen by whoever sent `request` to `self`; `self` is this service (links are relative). */
export function serviceBase(
  service: ServiceName,
  self: ServiceName,
  request: Pick<Request, 'hostname' | 'protocol'>,
  env: NodeJS.ProcessEnv = process.env,
): string {
  if (service === self) return '';
  const { url, port, fallback } = DEFAULTS[service];
  const configured = env[url];
  // DX_CONSOLE_URL names the console's page, not its origin.
  if (configured) return service === 'console' ? new URL(configured).origin : configured.replace(/\/$/, '');
  const host = request.hostname.includes(':') ? `[${request.hostname}]` : request.hostname;
  return `${request.protocol}://${host}:${positiveInteger(env, port, fallback)}`;
}

/** The directory as an HTML section, for a service's /docs page. */
export function renderApiDirectory(
  self: ServiceName,
  request: Pick<Request, 'hostname' | 'protocol'>,
): string {
  const rows = API_DESCRIPTIONS.map(({ service, title, path }) => {
    const href = `${serviceBase(service, self, request)}${path}`;
    return `<tr><td>${service}</td><td><a href="${escapeHtml(href)}">${escapeHtml(title)}</a></td></tr>`;
  });
  return `<h2>Every API of the hub</h2><p>The NATS subjects, headers and replies: docs/wire-protocol.md; every live contract: the registry's AsyncAPI.</p>
<table><tr><th>Service</th><th>Description</th></tr>${rows.join('')}</table>`;
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
