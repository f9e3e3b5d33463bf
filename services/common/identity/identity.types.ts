/** Who is calling: a subsystem (publishes and owns contracts) or an architect (reviews them). */
export type Role = 'subsystem' | 'architect';

export interface Identity {
  id: string;
  role: Role;
}

/** One entry of the identities file: an identity with the hashes of its secrets, never the secrets. */
export interface IdentityEntry extends Identity {
  /** SHA-256 (hex) of the bearer token. */
  tokenSha256: string;
  /** bcrypt hash of the NATS password (user name: the id); without it the identity has no NATS user. */
  natsPasswordBcrypt?: string;
}

/** An identity that may connect to NATS as the user named by its id. */
export interface NatsIdentity extends Identity {
  natsPasswordBcrypt: string;
}

/** The identity the hub's own services (gateway, registry) connect to NATS as. */
export const HUB_IDENTITY = 'hub';

/**
 * The simulation service's identity: the NATS user it connects as, the producer of the sim.* contracts it
 * owns, and the consumer whose registrations decide what it may read.
 */
export const SIMULATION_IDENTITY = 'simulation';

/** The analytics subsystem: the producer of analytics.* (the equipment health loops run in the simulation service). */
export const ANALYTICS_IDENTITY = 'analytics';
