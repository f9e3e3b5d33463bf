/**
 * `dx`'s way to the registry's HTTP API: DX_REGISTRY_URL (default http://127.0.0.1:8081) with the
 * caller's DX_TOKEN. A refusal becomes a CliFailure with exit code 1 and the registry's own message.
 */
import { loadConfig } from '../common/config/config.js';
import { describeError } from '../common/errors/describe-error.js';
import { CliFailure, EXIT } from './exit-codes.js';

export interface RegistryRefusal {
  code: string;
  message: string;
  details: Record<string, unknown>;
}

export class RegistryClient {
  constructor(
    readonly baseUrl: string = loadConfig().registryUrl,
    private readonly token: string | undefined = process.env.DX_TOKEN,
  ) {}

  get<T>(path: string): Promise<T> {
    return this.call<T>('GET', path);
  }

  post<T>(path: string, body: unknown, method: 'POST' | 'PUT' | 'DELETE' = 'POST'): Promise<T> {
    return this.call<T>(method, path, body);
  }

  async text(path: string): Promise<string> {
    const response = await this.fetch('GET', path);
    return response.text();
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await this.fetch(method, path, body);
    const payload = (await response.json().catch(() => null)) as {
      ok?: boolean;
      error?: RegistryRefusal;
    } | null;
    if (!response.ok || payload?.ok === false) {
      const refusal = payload?.error;
      throw new CliFailure(
        refusal ? `${refusal.code}: ${refusal.message}` : `the registry answered HTTP ${response.status}`,
        EXIT.found,
        refusal,
      );
    }
    return payload as T;
  }

  private async fetch(method: string, path: string, body?: unknown): Promise<Response> {
    const headers: Record<string, string> = {};
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    try {
      return await fetch(`${this.baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      throw new CliFailure(
        `cannot reach the registry at ${this.baseUrl}: ${describeError(error)} (is it running? set DX_REGISTRY_URL)`,
      );
    }
  }
}
