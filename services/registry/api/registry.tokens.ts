/** Injection tokens of the registry service. */
export const REGISTRY = Symbol('REGISTRY');
export const CHECK_HISTORY = Symbol('CHECK_HISTORY');
export const IDENTITIES = Symbol('IDENTITIES');
export const REGISTRY_SETTINGS = Symbol('REGISTRY_SETTINGS');

export interface RegistrySettings {
  /** The NATS host:port that the AsyncAPI document names as the server. */
  natsHost: string;
}
