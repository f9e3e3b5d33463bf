/** Routes NestJS's own log calls into the gateway's pino logger, so every line on stdout is JSON. */
import type { LoggerService } from '@nestjs/common';
import type { Level, Logger } from 'pino';

export class NestPinoLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  // Nest's 'log' level is its bootstrap chatter (modules loaded, routes mapped); it goes to debug so
  // that at info a start reads as one line. Nest's warnings and errors keep their level.
  log(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  // Nest calls these as (message, context) and error as (message, stack, context): the context, the
  // name of the class that logs, comes last.
  private write(level: Level, message: unknown, params: unknown[]): void {
    if (!this.logger.isLevelEnabled(level)) return;
    const rest = [...params];
    const context = typeof rest.at(-1) === 'string' ? (rest.pop() as string) : undefined;
    const fields: Record<string, unknown> = { context };
    if (message instanceof Error) fields.err = message;
    const stack = rest.find((p) => typeof p === 'string');
    if (stack) fields.stack = stack;
    const text = message instanceof Error ? message.message : message;
    this.logger[level](fields, typeof text === 'string' ? text : JSON.stringify(text));
  }
}
