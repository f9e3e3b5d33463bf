/** The one error type of DX Hub: a stable code, a human message and the details a caller can act on. */
export type DxErrorCode =
  | 'STREAM_POSITION_CONFLICT'
  | 'PAYLOAD_NOT_OBJECT'
  | 'PAYLOAD_TOO_LARGE'
  | 'BATCH_TOO_LARGE'
  | 'REPLY_TOO_LARGE'
  | 'CONTENT_TYPE_UNSUPPORTED'
  | 'INTERNAL'
  | 'REFUSALS_NOT_RECORDED'
  | 'PAYLOAD_INVALID'
  | 'APPEND_INVALID'
  | 'APPEND_FAILED'
  | 'DATABASE_UNREACHABLE'
  | 'NATS_UNREACHABLE'
  | 'BAD_ARGUMENT'
  | 'SCHEMA_INVALID'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'READ_FORBIDDEN'
  | 'CONTRACT_NOT_FOUND'
  | 'CONTRACT_EXISTS'
  | 'CONTRACT_INVALID'
  | 'VERSION_NOT_FOUND'
  | 'VERSION_INVALID'
  | 'CONTRACT_VERSION_IMMUTABLE'
  | 'DOCUMENTATION_INCOMPLETE'
  | 'COMPATIBILITY_BROKEN'
  | 'INVALID_TRANSITION'
  | 'CONSUMERS_STILL_DEPEND'
  | 'CONFLICT'
  | 'KEY_INVALID'
  | 'NOT_FOUND'
  /** An as-of time the store cannot answer yet: a transaction that may have recorded events before it is open. */
  | 'NOT_SETTLED'
  | 'SCENARIO_INVALID'
  | 'SIM_BUSY'
  | 'SIM_TIMEOUT'
  | 'WORKER_CRASHED'
  | 'CANCELLED'
  | 'SIM_FAILED'
  | 'CONSOLE_BUSY'
  | 'CORRECTION_INVALID'
  | 'CORRECTION_CONFLICT'
  | 'UNIT_INVALID'
  | 'UNIT_NOT_CONVERTIBLE'
  | 'MAPPING_INVALID';

export class DxError extends Error {
  constructor(
    readonly code: DxErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DxError';
  }

  toJSON(): { code: DxErrorCode; message: string; details: Record<string, unknown> } {
    return { code: this.code, message: this.message, details: this.details };
  }
}
