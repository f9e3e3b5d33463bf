/** A publish as it reaches the gateway (over NATS or HTTP), and what the gateway answers. */
import type { DxError } from '../../common/errors/dx-error.js';

export type Transport = 'nats' | 'http';

export interface PublishRequest {
  transport: Transport;
  /** Follows the request through the logs and into dx.rejections. */
  requestId: string;
  contract: string;
  /** dx-producer over NATS; the bearer token's identity over HTTP (undefined when it has none). */
  producer: string | undefined;
  version: string | undefined;
  msgId: string | undefined;
  key: string | undefined;
  /** The raw dx-msg-ids and dx-keys headers of a batch: its items' own ids and keys. */
  msgIds?: string;
  keys?: string;
  /** The raw dx-expected-position header. */
  expectedPosition: string | undefined;
  /** The raw dx-corrects header: the global position of the event this one corrects. */
  corrects?: string;
  /** The raw body as it came: one payload, or a JSON array of payloads. */
  body: Buffer;
  /** The whole body's length when `body` is only its beginning (over the limit, not read further). */
  bodyBytes?: number;
  /** A refusal the transport decided before the gateway looked (a token, the Content-Type, the size). */
  refusal?: DxError;
}

export type Refusal = ReturnType<DxError['toJSON']>;

export type ItemReply =
  { ok: true; position: number; streamPosition: number; duplicate: boolean } | { ok: false; error: Refusal };

export type PublishReply = ItemReply | { ok: true; results: ItemReply[] };
