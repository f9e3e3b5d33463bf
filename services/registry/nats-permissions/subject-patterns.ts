/** The subject patterns permissions are written in, derived from the wire protocol's subjects. */
import { inboxPrefixOf } from '../../common/nats/inbox-prefix.js';
import { SUBJECTS } from '../../common/nats/subjects.js';

export const PATTERNS = {
  /** Publishing requests on one contract. */
  publishOn: (contractId: string) => SUBJECTS.publish(contractId),
  /** Every publishing request: what the gateways serve. */
  everyPublish: SUBJECTS.publish('>'),
  /** Delivery of one major of a contract, every key. */
  dataOf: (contractId: string, major: number) => SUBJECTS.data(contractId, major, '>'),
  /** Every delivery: what the gateways send. */
  everyData: 'dx.data.>',
  /** Catch-up reads, latest values and history asked as this identity, and no other. */
  readsAs: (identity: string) => [
    SUBJECTS.replay(identity),
    SUBJECTS.cacheGet(identity),
    SUBJECTS.history(identity),
  ],
  /** Catch-up reads, latest values and history asked as anyone: what the gateways serve. */
  everyRead: [SUBJECTS.replay('>'), SUBJECTS.cacheGet('>'), SUBJECTS.history('>')],
  /** Every registry operation, and the registry's change announcement, which is in the same space. */
  everyRegistry: SUBJECTS.registry('*'),
  /** Requests to the simulation service (dx.sim.run, ...). */
  everySimulation: SUBJECTS.sim('*'),
  /** What the simulation's instances ask each other about the sessions and runs they hold. */
  simulationPeers: SUBJECTS.simHeld('*'),
  /** Where a user receives the answers to its requests: its own inboxes, nobody else's. */
  inboxesOf: (user: string) => `${inboxPrefixOf(user)}.>`,
} as const;
