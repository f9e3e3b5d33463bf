/** The client library's public face: import from here. */
export { DxClient, type DxClientOptions } from './dx-client.js';
export type { DxSubscription, EventHandler, SubscribeOptions } from './dx-subscription.js';
export type { Since } from './subscription-since.js';
export type { PublishOptions } from './publisher.js';
export type { Buffered, ItemResult, Published, PublishedBatch, StoredPosition } from './publish-result.js';
export type { BufferedRefusal } from './buffer-flusher.js';
export type { BufferedMessage } from './buffer-file.js';
export { HubRefusedError, type Refusal } from './hub-refused-error.js';
export { HubUnreachableError, type UnreachableReason } from './hub-unreachable-error.js';
export type { RetryPolicy } from './retry-policy.js';
export { SubscriptionNotice, type NoticeReason } from './subscription-notice.js';
export type { EventEnvelope } from '../common/event-store/event-store.types.js';
