/**
 * Tells a database that is not there (refused, cut off, silent, restarting) from one that refused a
 * statement. The first says nothing about the request: the caller should send it again (with the same
 * message id; it may have been applied). The second is about the data.
 */
import { DxError } from '../errors/dx-error.js';

/** SQLSTATE classes of a server going away or out of room: 08 connection, 57 operator, 53 resources. */
const UNAVAILABLE_CLASSES = ['08', '57', '53'];
/** What pg says, with no code, of a connection that was cut, never made, or broken. */
const CONNECTION_TROUBLE =
  /Connection terminated|timeout exceeded when trying to connect|not queryable|Connection ended|connection error/i;

export function isDatabaseUnavailable(error: unknown): boolean {
  if (error instanceof DxError) return error.code === 'DATABASE_UNREACHABLE';
  const code = (error as { code?: unknown } | null)?.code;
  // Socket errors carry ECONNREFUSED and the like (no SQLSTATE class starts with E); pg's DatabaseError
  // carries a five-character SQLSTATE.
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return true;
  if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code))
    return UNAVAILABLE_CLASSES.includes(code.slice(0, 2));
  return error instanceof Error && CONNECTION_TROUBLE.test(error.message);
}

/** The error a caller gets: DATABASE_UNREACHABLE (send again) or APPEND_FAILED with the SQLSTATE. */
export function databaseFailure(error: unknown, what: string): DxError {
  if (error instanceof DxError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const cause = (error as { code?: string } | null)?.code;
  if (isDatabaseUnavailable(error)) {
    return new DxError(
      'DATABASE_UNREACHABLE',
      `PostgreSQL is not answering (${message}); ${what} may or may not have been done: send it again with the same message id`,
      { cause, maybeApplied: true },
    );
  }
  return new DxError('APPEND_FAILED', `the store could not write this event: ${message}`, { cause });
}
