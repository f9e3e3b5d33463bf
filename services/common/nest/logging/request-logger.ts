/**
 * One pino line per HTTP request, with a request id (the caller's x-request-id, or a new one, echoed
 * back) so that a request can be followed through the logs. Headers are not logged: they carry tokens.
 */
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';

export function requestLogger(logger: Logger) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const header = request.headers['x-request-id'];
    const requestId = (Array.isArray(header) ? header[0] : header) || randomUUID();
    response.setHeader('x-request-id', requestId);
    const started = performance.now();
    response.on('finish', () => {
      logger.info(
        {
          requestId,
          method: request.method,
          path: request.originalUrl.split('?')[0],
          status: response.statusCode,
          ms: Math.round((performance.now() - started) * 100) / 100,
        },
        'request',
      );
    });
    next();
  };
}
