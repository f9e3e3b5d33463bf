/**
 * Reads the body of POST /api/v1/data/{contract} as raw bytes, up to DX_MAX_BODY_BYTES, before anything
 * parses it; what it cannot take becomes a refusal that the gateway answers and records (with the body
 * it read) rather than an error page of the web framework. Refused here: a Content-Type that is not
 * JSON (or text, what fetch sends by default) or a charset other than UTF-8, and a body over the limit,
 * known from Content-Length without reading it, or found while reading (the rest is not read, and the
 * connection is closed after the answer). Hand-written rather than body-parser: that one throws away
 * what it read when the limit is hit and answers on its own, so nothing could be recorded.
 */
import type { NextFunction, Request, Response } from 'express';
import type { IngestLimits } from '../../common/config/ingest-limits.js';
import { DxError } from '../../common/errors/dx-error.js';
import { bodyTooLarge } from './decode-body.js';

export interface PublishBody {
  bytes: Buffer;
  /** The whole body's length when `bytes` is only its beginning. */
  totalBytes?: number;
  refusal?: DxError;
  /** The rest of the body was left unread: the connection must close after the answer. */
  unread: boolean;
}

export type WithPublishBody = Request & { publishBody?: PublishBody };

const JSON_TYPES = /^(application\/(json|[\w.+-]+\+json)|text\/plain)$/;

export function readPublishBody(limits: Pick<IngestLimits, 'maxBodyBytes' | 'rejectionPayloadBytes'>) {
  return (request: WithPublishBody, _response: Response, next: NextFunction): void => {
    if (request.method !== 'POST') return next();
    const refusal = contentTypeRefusal(request.headers['content-type']);
    const declared = Number(request.headers['content-length'] ?? NaN);
    if (declared > limits.maxBodyBytes) {
      request.publishBody = {
        bytes: Buffer.alloc(0),
        totalBytes: declared,
        refusal: bodyTooLarge(declared, limits.maxBodyBytes),
        unread: true,
      };
      return next();
    }
    const chunks: Buffer[] = [];
    let received = 0;
    const done = (body: PublishBody) => {
      request.off('data', onData);
      request.off('end', onEnd);
      request.publishBody = body;
      next();
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received <= limits.maxBodyBytes) return void chunks.push(chunk);
      request.pause();
      // Keep what the record keeps of it, no more.
      const kept = Buffer.concat(chunks).subarray(0, limits.rejectionPayloadBytes);
      done({
        bytes: kept,
        totalBytes: received,
        refusal: bodyTooLarge(received, limits.maxBodyBytes, false),
        unread: true,
      });
    };
    const onEnd = () => done({ bytes: Buffer.concat(chunks), refusal, unread: false });
    request.on('data', onData);
    request.on('end', onEnd);
    request.once('error', (error) => next(error));
  };
}

function contentTypeRefusal(header: string | undefined): DxError | undefined {
  if (header === undefined) return undefined;
  const [type = '', ...parameters] = header.split(';').map((part) => part.trim().toLowerCase());
  const charset = parameters
    .find((p) => p.startsWith('charset='))
    ?.slice('charset='.length)
    .replace(/"/g, '');
  if (JSON_TYPES.test(type) && (charset === undefined || charset === 'utf-8' || charset === 'utf8'))
    return undefined;
  return new DxError(
    'CONTENT_TYPE_UNSUPPORTED',
    `the body's Content-Type is ${JSON.stringify(header)}; send JSON as application/json (UTF-8)`,
    {
      header: 'content-type',
      rule: 'mediaType',
      expected: 'application/json; charset=utf-8',
      actual: header,
    },
  );
}
