/** Every NATS subject of DX Hub, in one place. */
export const SUBJECTS = {
  publish: (contractId: string) => `dx.publish.${contractId}`,
  data: (contractId: string, major: number, key: string) => `dx.data.${contractId}.v${major}.${key}`,
  /**
   * Catch-up reads and latest values, asked under the reader's own identity: core NATS does not tell
   * a responder who sent a request, so the name is in the subject, where the broker lets each NATS
   * user publish only its own (`dx nats-config`). Identities may contain dots; the gateway serves
   * `dx.replay.>` and reads the identity as the rest of the subject.
   */
  replay: (identity: string) => `dx.replay.${identity}`,
  cacheGet: (identity: string) => `dx.cache.get.${identity}`,
  /** History in buckets of a numeric field, asked under the reader's own identity like replay. */
  history: (identity: string) => `dx.history.${identity}`,
  /** Gateways tell each other which keys a commit moved: {instance, keys: [[contract, key], ...]}. */
  cacheChanged: 'dx.cache.changed',
  /**
   * Every gateway announces the store's fence and head here, periodically: {fence, head}. Subscribers
   * read the store up to the fence, so events never published live still reach them.
   */
  head: 'dx.head',
  /** The registry announces every recorded change here: {contract, types}. */
  registryChanged: 'dx.registry.changed',
  /** Request/reply operations of the registry: dx.registry.<operation>. */
  registry: (operation: string) => `dx.registry.${operation}`,
  /** Request/reply operations of the simulation service: run, start, stop, status, models. */
  sim: (operation: string) => `dx.sim.${operation}`,
  /** Every anchor of the event store as it is taken (`dx audit anchor`), for subscribers to keep copies. */
  auditAnchors: 'dx.audit.anchors',
  /**
   * Asked of every simulation instance at once (no queue group) about a session or run one of them
   * holds: stop or status. Only the instance that holds it answers.
   */
  simHeld: (operation: string) => `dx.sim.held.${operation}`,
} as const;

/** Queue groups: instances of one service share the work of a subject. */
export const QUEUE_GROUPS = {
  gateway: 'dx-gateway',
  registry: 'dx-registry',
  simulation: 'dx-simulation',
} as const;

/** NATS headers of the wire protocol. */
export const HEADERS = {
  producer: 'dx-producer',
  version: 'dx-version',
  msgId: 'dx-msg-id',
  key: 'dx-key',
  /** A batch's message ids, one per item (a JSON array); otherwise item i is `<dx-msg-id>:<i>`. */
  msgIds: 'dx-msg-ids',
  /** A batch's keys, one per item (a JSON array, null: from dx-key or the payload). */
  keys: 'dx-keys',
  expectedPosition: 'dx-expected-position',
  /** A correction: the global position of the event this message supersedes. */
  corrects: 'dx-corrects',
  authorization: 'authorization',
} as const;
