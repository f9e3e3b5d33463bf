/**
 * The hub answered and said no: `{"ok": false, "error": {code, message, details}}`. Final: sending the
 * same request again gets the same answer, so the client never retries it.
 */
export interface Refusal {
  code: string;
  message: string;
  details: Record<string, unknown>;
}

export class HubRefusedError extends Error {
  readonly code: string;
  readonly details: Record<string, unknown>;

  constructor(refusal: Refusal) {
    super(refusal.message);
    this.name = 'HubRefusedError';
    this.code = refusal.code;
    this.details = refusal.details;
  }

  toJSON(): Refusal {
    return { code: this.code, message: this.message, details: this.details };
  }
}

/** Reads a refusal from a reply, tolerating a hub that leaves out message or details. */
export function refusalOf(error: unknown): Refusal {
  const raw = (typeof error === 'object' && error !== null ? error : {}) as Partial<Refusal>;
  return {
    code: typeof raw.code === 'string' ? raw.code : 'UNKNOWN',
    message: typeof raw.message === 'string' ? raw.message : 'the hub refused the request',
    details: typeof raw.details === 'object' && raw.details !== null ? raw.details : {},
  };
}

/**
 * Refusals that say the hub could not do it now, not that the request is wrong: the same request may
 * well succeed later, and message ids make a repeat harmless (a message that was stored after all is
 * answered duplicate=true with its positions), so these are retried (and kept in the buffer) like an
 * unreachable hub. docs/client.md lists them as "maybe stored, retry".
 */
const HUB_TROUBLE = new Set(['INTERNAL', 'DATABASE_UNREACHABLE', 'NATS_UNREACHABLE']);
/** SQLSTATE classes of a statement refused for its data: 22 data exception, 23 integrity constraint. */
const DATA_ERRORS = ['22', '23'];

export function isHubTrouble(refusal: Refusal): boolean {
  if (HUB_TROUBLE.has(refusal.code)) return true;
  // APPEND_FAILED: the database failed to write. Final only when it refused the data itself; anything
  // else (a restart, a lost connection, a deadlock) passes.
  if (refusal.code === 'APPEND_FAILED') {
    const cause = refusal.details.cause;
    return !(typeof cause === 'string' && DATA_ERRORS.includes(cause.slice(0, 2)));
  }
  // A batch too large to answer item by item: final, unless some of its items met hub trouble.
  if (refusal.code === 'REPLY_TOO_LARGE') {
    const byCode = refusal.details.byCode;
    if (typeof byCode !== 'object' || byCode === null) return false;
    return Object.keys(byCode).some((code) => isHubTrouble({ code, message: '', details: {} }));
  }
  return false;
}
