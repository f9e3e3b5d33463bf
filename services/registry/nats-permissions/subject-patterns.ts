/** The subject patterns permissions are written in, derived from the wire protocol's subjects. */
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
  /** Catch-up reads and latest values asked as this identity, and no other. */
  readsAs: (identity: string) => [SUBJECTS.replay(identity), SUBJECTS.cacheGet(identity)],
  /** Catch-up reads and latest values asked as anyone: what the gateways serve. */
  everyRead: [SUBJECTS.replay('>'), SUBJECTS.cacheGet('>')],
  /** Every registry operation, and the registry's change announcement, which is in the same space. */
  everyRegistry: SUBJECTS.registry('*'),
  /** Requests to the simulation service (dx.sim.run, ...). */
  everySimulation: SUBJECTS.sim('*'),
  /** What the simulation's instances ask each other about the sessions and runs they hold. */
  simulationPeers: SUBJECTS.simHeld('*'),
  /** Where request/reply clients receive their answers (the NATS clients' default inbox prefix). */
  inboxes: '_INBOX.>',
} as const;
