/**
 * Something a subscription worked around and tells `onError` about, with a reason a program can act on
 * and the positions involved. None of them loses an event: what is dropped from the live feed is read
 * from the store instead (or is not an event of the store at all).
 */
export type NoticeReason =
  /** A live message that cannot be an event of this subscription (malformed, another contract or key). */
  | 'LIVE_MESSAGE_IMPOSSIBLE'
  /** A live event the store, complete past its position, does not have: forged, never delivered. */
  | 'LIVE_EVENT_NOT_STORED'
  /** The queue of live events is full: the newest are dropped and read from the store. */
  | 'QUEUE_FULL'
  /** A fill waited for the store's fence to pass a live event and gave up: the store delivers it later. */
  | 'WAITING_FOR_STORE'
  /** A key's stream positions jump in the store itself: the events between cannot be converted to the major. */
  | 'STREAM_JUMP'
  /** dx.head cannot be followed (a broker that does not allow it): the subscription polls the store instead. */
  | 'HEAD_UNAVAILABLE';

export class SubscriptionNotice extends Error {
  constructor(
    readonly reason: NoticeReason,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'SubscriptionNotice';
  }
}
