/** A publish as it reaches the gateway (over NATS or HTTP), and what the gateway answers. */
import type { DxError } from '../../common/errors/dx-error.js';

export type Transport = 'nats' | 'http';

export interface PublishRequest {
  transport: Transport;
  contract: string;
  /** dx-producer over NATS; the bearer token's identity over HTTP. */
  producer: string | undefined;
  version: string | undefined;
  msgId: string | undefined;
  key: string | undefined;
  /** The raw dx-expected-position header. */
  expectedPosition: string | undefined;
  /** The raw body: one payload, or a JSON array of payloads. */
  body: string;
}

export type Refusal = ReturnType<DxError['toJSON']>;

export type ItemReply =
  { ok: true; position: number; streamPosition: number; duplicate: boolean } | { ok: false; error: Refusal };

export type PublishReply = ItemReply | { ok: true; results: ItemReply[] };
