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
 * Codes that say the hub itself is in trouble (its database away, an unexpected failure), not that
 * the request is wrong: the same request may well succeed later, and message ids make a repeat
 * harmless, so these are retried (and buffered) like an unreachable hub.
 */
const HUB_TROUBLE = new Set(['INTERNAL', 'DATABASE_UNREACHABLE']);

export function isHubTrouble(refusal: Refusal): boolean {
  return HUB_TROUBLE.has(refusal.code);
}
