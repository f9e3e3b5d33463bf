/**
 * Tracing in a Nest service: every HTTP request in a span (TraceInterceptor), and the spans still
 * batched exported when the application shuts down. startTracing (runService) turns it on.
 */
import { Global, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { flushTracing } from '../../tracing/start-tracing.js';
import { TraceInterceptor } from './trace.interceptor.js';

@Global()
@Module({ providers: [{ provide: APP_INTERCEPTOR, useClass: TraceInterceptor }] })
export class TracingModule implements OnApplicationShutdown {
  async onApplicationShutdown(): Promise<void> {
    await flushTracing();
  }
}
