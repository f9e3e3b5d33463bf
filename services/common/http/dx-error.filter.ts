/**
 * Maps every error a controller throws to the hub's error shape: {ok:false, error:{code, message,
 * details}}. Anything that is neither a DxError nor an HTTP error is INTERNAL: logged with the request
 * id (x-request-id) and its cause, and answered with that id.
 */
import { Catch, HttpException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import type { Logger } from 'pino';
import { DxError } from '../errors/dx-error.js';
import { httpStatusOf } from '../errors/http-status.js';
import { createLogger } from '../logging/create-logger.js';
import { internalError } from '../nats/internal-error.js';

@Catch()
export class DxErrorFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger = createLogger('dx')) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (exception instanceof DxError) {
      response.status(httpStatusOf(exception.code)).json({ ok: false, error: exception.toJSON() });
      return;
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const code = status === 404 ? 'NOT_FOUND' : status === 400 ? 'BAD_REQUEST' : `HTTP_${status}`;
      response.status(status).json({ ok: false, error: { code, message: exception.message, details: {} } });
      return;
    }
    const requestId = String(response.getHeader('x-request-id') ?? '');
    const request = host.switchToHttp().getRequest<{ method?: string; originalUrl?: string }>();
    const error = internalError(this.logger, exception, requestId, {
      method: request.method,
      path: request.originalUrl?.split('?')[0],
    });
    response.status(500).json({ ok: false, error });
  }
}
