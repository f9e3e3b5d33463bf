/**
 * No answer from the hub: NATS is not connected, no gateway listens on the subject, or the request
 * timed out. Unlike a refusal this says nothing about the request, so it is worth sending again.
 */
export type UnreachableReason = 'disconnected' | 'no-responders' | 'timeout' | 'hub-trouble';

export class HubUnreachableError extends Error {
  constructor(
    readonly reason: UnreachableReason,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'HubUnreachableError';
  }
}
