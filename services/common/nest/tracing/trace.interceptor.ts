/**
 * Each HTTP request in a server span that continues the caller's W3C trace context (`traceparent`),
 * named after the route (`POST /api/v1/data/:contract`, never the path with its values), and active
 * while the handler runs so that what it does (a publish, a run) is its child. Off: nothing.
 */
import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { Request, Response } from 'express';
import { Observable } from 'rxjs';
import { tracer, tracingOn } from '../../tracing/tracer.js';

@Injectable()
export class TraceInterceptor implements NestInterceptor {
  intercept(execution: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (!tracingOn() || execution.getType() !== 'http') return next.handle();
    const http = execution.switchToHttp();
    const request = http.getRequest<Request>();
    const route = `${request.method} ${(request.route as { path?: string } | undefined)?.path ?? 'unmatched'}`;
    const parent = propagation.extract(context.active(), request.headers);
    const span = tracer.startSpan(
      route,
      { kind: SpanKind.SERVER, attributes: { 'http.request.method': request.method, 'http.route': route } },
      parent,
    );
    const active = trace.setSpan(parent, span);
    return new Observable((subscriber) =>
      context.with(active, () =>
        next.handle().subscribe({
          next: (value) => subscriber.next(value),
          error: (error: unknown) => {
            span.recordException(error as Error);
            span.setStatus({ code: SpanStatusCode.ERROR, message: String(error) });
            span.end();
            subscriber.error(error);
          },
          complete: () => {
            span.setAttribute('http.response.status_code', http.getResponse<Response>().statusCode);
            span.end();
            subscriber.complete();
          },
        }),
      ),
    );
  }
}
