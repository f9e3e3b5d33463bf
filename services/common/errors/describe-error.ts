/**
 * A one-line reason for a failure from a driver. Node's dialer reports a refused connection to a name
 * with several addresses (localhost: ::1 and 127.0.0.1) as an AggregateError with an empty message, and
 * the NATS client wraps the socket error in `cause`; both would otherwise print as nothing useful.
 */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error instanceof AggregateError && error.errors.length > 0) {
    return [...new Set(error.errors.map(describeError))].join('; ');
  }
  const cause = error.cause instanceof Error ? describeError(error.cause) : '';
  const own = error.message || (error as { code?: string }).code || error.name;
  return cause && cause !== own ? `${own} (${cause})` : own;
}
