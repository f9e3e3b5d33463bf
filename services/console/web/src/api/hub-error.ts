/** A refused or failed call to the hub, with the hub's code, message and details. */
import type { HubErrorBody } from './types';

export class HubError extends Error {
  readonly code: string;
  readonly details: Record<string, unknown>;

  constructor(
    readonly status: number,
    body: HubErrorBody,
  ) {
    super(body.message);
    this.code = body.code;
    this.details = body.details ?? {};
  }
}
