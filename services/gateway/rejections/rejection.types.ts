/** A refusal as the gateway hands it to the recorder: who, what, why, and the payload as it came. */
import type { DxError } from '../../common/errors/dx-error.js';

export interface Rejection {
  transport: string;
  contract: string;
  version?: string;
  producer?: string;
  msgId?: string;
  key?: string;
  error: DxError;
  /** The payload's bytes (or its JSON text): the whole body, or the refused item. */
  payload: Buffer | string;
  /** The whole payload's length when `payload` is only its beginning (a body over the limit, not read). */
  payloadBytes?: number;
  requestId?: string;
}
