/**
 * An unexpected failure, as a caller sees it and as the log keeps it: the caller gets INTERNAL with a
 * request id, and the log has the same id with the cause and its stack, so "see its log" leads somewhere.
 */
import type { Logger } from 'pino';
import { describeError } from '../errors/describe-error.js';

export function internalError(
  logger: Logger,
  cause: unknown,
  requestId: string,
  context: Record<string, unknown> = {},
  what = 'the hub failed to handle this request',
) {
  logger.error(
    {
      ...context,
      requestId,
      err: describeError(cause),
      stack: cause instanceof Error ? cause.stack : undefined,
    },
    'INTERNAL: unexpected failure',
  );
  return {
    code: 'INTERNAL' as const,
    message: `${what}; its log has the cause under request id ${requestId}`,
    details: { requestId },
  };
}
