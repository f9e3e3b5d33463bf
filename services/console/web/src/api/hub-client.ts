/**
 * Every call the console makes to the hub, typed, in one place. All go to the console's own origin:
 * /console/api/gateway, /registry and /sim reach those services with the caller's bearer token;
 * /console/api/* (history, live, audit, health) is the console service's own.
 */
import { HubError } from './hub-error';
import type {
  AnchorsResult,
  AssetTreeNode,
  AssetView,
  ChainResult,
  ContractView,
  DevToken,
  EventEnvelope,
  HealthOverview,
  HistoryAnswer,
  Identity,
  JsonSchema,
  LineageNode,
  Proposal,
  Recorded,
  Refusal,
  ReviewEvidence,
  Series,
  SessionStatus,
  SimModels,
  SimStatus,
  StreamSummary,
} from './types';

export const API = '/console/api';

type Params = Record<string, string | number | boolean | string[] | undefined>;

export class HubClient {
  constructor(private readonly token: string | null) {}

  withToken(token: string | null): HubClient {
    return new HubClient(token);
  }

  get authorization(): Record<string, string> {
    return this.token ? { authorization: `Bearer ${this.token}` } : {};
  }

  // Session
  signInOptions() {
    return this.get<{ devTokens: DevToken[] }>('/sign-in');
  }
  session() {
    return this.get<{ identity: Identity; readable: string[] }>('/session');
  }

  // Registry
  contracts() {
    return this.get<ContractView[]>('/registry/contracts');
  }
  contract(id: string) {
    return this.get<ContractView>(`/registry/contracts/${enc(id)}`);
  }
  schema(id: string, version: string) {
    return this.get<JsonSchema>(`/registry/contracts/${enc(id)}/versions/${enc(version)}/schema`);
  }
  asyncApi() {
    return this.get<Record<string, unknown>>('/registry/asyncapi.json');
  }
  /** The HTTP API of the gateway or of the registry, as OpenAPI 3.1. */
  openApi(service: 'gateway' | 'registry' = 'gateway') {
    return this.get<Record<string, unknown>>(
      service === 'gateway' ? '/gateway/docs/openapi.json' : '/registry/openapi.json',
    );
  }
  approve(id: string, version: string, comment: string) {
    return this.post<Recorded>(`/registry/contracts/${enc(id)}/versions/${enc(version)}/approve`, {
      comment,
    });
  }
  reject(id: string, version: string, comment: string) {
    return this.post<Recorded>(`/registry/contracts/${enc(id)}/versions/${enc(version)}/reject`, { comment });
  }
  /** The registry's evidence for a proposal: diff, compatibility report, docs check, transforms, consumers. */
  review(id: string, version: string) {
    return this.get<ReviewEvidence>(`/registry/contracts/${enc(id)}/versions/${enc(version)}/review`);
  }
  /** The versions waiting for review, oldest first. */
  proposals() {
    return this.get<Proposal[]>('/registry/proposals');
  }

  // The plant's assets (the gateway's /api/v1/assets); `at`: the plant as it stood then
  assetTree(at?: string) {
    return this.get<{ ok: true; at: string; tree: AssetTreeNode[] }>('/gateway/api/v1/assets', { at });
  }
  asset(id: string, at?: string) {
    return this.get<{ ok: true; at: string; asset: AssetView }>(`/gateway/api/v1/assets/${enc(id)}`, { at });
  }
  /** A signal's mean, min and max in buckets. */
  signalHistory(id: string, signal: string, params: { from: string; to: string; bucket: string }) {
    return this.get<HistoryAnswer>(`/gateway/api/v1/assets/${enc(id)}/history/${enc(signal)}`, {
      ...params,
      agg: 'mean,min,max',
    });
  }

  // Data
  latest(contract: string, key: string) {
    return this.get<{ ok: true; event: EventEnvelope }>(`/gateway/api/v1/data/${enc(contract)}/${enc(key)}`);
  }
  /** Where a derived event came from, back to the measurements (what the caller may read of it). */
  lineage(position: number, depth?: number) {
    return this.get<{ ok: true; lineage: LineageNode }>(`/gateway/api/v1/lineage/${position}`, { depth });
  }
  series(params: {
    contract: string;
    key: string;
    fields: string[];
    from?: string;
    to?: string;
    limit?: number;
    newest?: boolean;
  }) {
    return this.get<Series>('/history/series', { ...params, fields: params.fields.join(',') });
  }
  events(params: {
    contracts: string[];
    key?: string;
    from?: string;
    to?: string;
    limit?: number;
    newest?: boolean;
  }) {
    const { contracts, ...rest } = params;
    return this.get<{ events: EventEnvelope[]; truncated: boolean }>('/history/events', {
      ...rest,
      contract: contracts,
    });
  }
  event(position: number) {
    return this.get<{ event: EventEnvelope }>(`/history/events/${position}`);
  }
  streams(contracts: string[] = []) {
    return this.get<{ streams: StreamSummary[]; truncated: boolean }>('/history/streams', {
      contract: contracts,
    });
  }
  asOf(contracts: string[], at: string, key?: string) {
    return this.get<{ at: string; events: EventEnvelope[] }>('/history/as-of', {
      contract: contracts,
      at,
      key,
    });
  }

  // Audit
  verifyChain(body: { contracts: string[]; from?: string; to?: string }) {
    return this.post<ChainResult>('/audit/chain', body);
  }
  checkAnchors(anchor?: string) {
    return this.post<AnchorsResult>('/audit/anchors', anchor === undefined ? {} : { anchor });
  }

  // Health
  health() {
    return this.get<HealthOverview>('/health');
  }
  refusals(limit = 50, contract?: string) {
    return this.get<{ refusals: Refusal[] }>('/refusals', { limit, contract });
  }

  // Simulation
  simModels() {
    return this.get<SimModels>('/sim/models');
  }
  simStatus() {
    return this.get<SimStatus>('/sim/status');
  }
  simStart(request: unknown) {
    return this.post<SessionStatus>('/sim/start', request);
  }
  simStop(id: string) {
    return this.post<{ id: string; stopped: string; session?: SessionStatus }>(`/sim/stop/${enc(id)}`, {});
  }

  private get<T>(path: string, params: Params = {}): Promise<T> {
    return this.call<T>('GET', path + query(params));
  }

  private post<T>(path: string, body: unknown): Promise<T> {
    return this.call<T>('POST', path, body);
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(API + path, {
      method,
      headers: {
        ...this.authorization,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    if (!response.ok) {
      const error = (
        parsed as { error?: { code: string; message: string; details?: Record<string, unknown> } }
      )?.error;
      throw new HubError(
        response.status,
        error ?? { code: `HTTP_${response.status}`, message: text.slice(0, 300) || response.statusText },
      );
    }
    return parsed as T;
  }
}

function enc(part: string): string {
  return encodeURIComponent(part);
}

function query(params: Params): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined || value === '') continue;
    for (const v of Array.isArray(value) ? value : [value]) search.append(name, String(v));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
