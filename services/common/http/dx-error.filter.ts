/** Maps every error a controller throws to the hub's error shape: {ok:false, error:{code, message, details}}. */
import { Catch, HttpException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { DxError } from '../errors/dx-error.js';
import { httpStatusOf } from '../errors/http-status.js';

@Catch()
export class DxErrorFilter implements ExceptionFilter {
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
    response.status(500).json({
      ok: false,
      error: { code: 'INTERNAL', message: 'the hub failed to handle this request; see its log', details: {} },
    });
  }
}
