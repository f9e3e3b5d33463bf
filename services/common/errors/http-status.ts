/** Each error code's HTTP status, in one place; NATS replies carry the code itself. */
import type { DxErrorCode } from './dx-error.js';

const STATUS: Partial<Record<DxErrorCode, number>> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  READ_FORBIDDEN: 403,
  CONTRACT_NOT_FOUND: 404,
  VERSION_NOT_FOUND: 404,
  NOT_FOUND: 404,
  STREAM_POSITION_CONFLICT: 409,
  CONTRACT_EXISTS: 409,
  CONTRACT_VERSION_IMMUTABLE: 409,
  INVALID_TRANSITION: 409,
  CONSUMERS_STILL_DEPEND: 409,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  BATCH_TOO_LARGE: 413,
  REPLY_TOO_LARGE: 413,
  CONTENT_TYPE_UNSUPPORTED: 415,
  INTERNAL: 500,
  DATABASE_UNREACHABLE: 503,
  NATS_UNREACHABLE: 503,
  APPEND_FAILED: 500,
  SIM_BUSY: 503,
  SIM_TIMEOUT: 504,
  WORKER_CRASHED: 502,
  CANCELLED: 409,
  CONSOLE_BUSY: 503,
  CORRECTION_CONFLICT: 409,
};

/** Anything not listed is the caller's input that we refuse: 422. */
export function httpStatusOf(code: DxErrorCode): number {
  return STATUS[code] ?? 422;
}
