/** Every NATS subject of DX Hub, in one place. */
export const SUBJECTS = {
  publish: (contractId: string) => `dx.publish.${contractId}`,
  data: (contractId: string, major: number, key: string) => `dx.data.${contractId}.v${major}.${key}`,
  replay: 'dx.replay',
  cacheGet: 'dx.cache.get',
  /** Gateways tell each other which keys a commit moved: {instance, keys: [[contract, key], ...]}. */
  cacheChanged: 'dx.cache.changed',
  /** The registry announces every recorded change here: {contract, types}. */
  registryChanged: 'dx.registry.changed',
  /** Request/reply operations of the registry: dx.registry.<operation>. */
  registry: (operation: string) => `dx.registry.${operation}`,
  /** Request/reply operations of the simulation service: run, start, stop, status, models. */
  sim: (operation: string) => `dx.sim.${operation}`,
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
  expectedPosition: 'dx-expected-position',
  authorization: 'authorization',
} as const;
