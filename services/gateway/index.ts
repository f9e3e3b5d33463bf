/**
 * The gateway's public face: what other services (the console, `dx`) may use of it without reaching
 * into its feature folders. Who may read a contract is decided here for every reader of the hub, so
 * the console's live streams and history follow the same rule as NATS and HTTP; `dx` and the console
 * list the refused publishes it recorded.
 */
export { mayRead, readsEverything } from './access/may-read.js';
export { listRejections, type RejectionQuery } from './rejections/rejections.repository.js';
