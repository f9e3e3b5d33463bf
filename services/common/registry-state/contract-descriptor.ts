/** What the registry records of a contract when it is created: its descriptor and compatibility mode. */

/** The compatibility modes of Confluent Schema Registry; compatibility-mode.ts says what each checks. */
export const COMPATIBILITY_MODES = [
  'NONE',
  'BACKWARD',
  'BACKWARD_TRANSITIVE',
  'FORWARD',
  'FORWARD_TRANSITIVE',
  'FULL',
  'FULL_TRANSITIVE',
] as const;

export type CompatibilityMode = (typeof COMPATIBILITY_MODES)[number];

export interface ContractDescriptor {
  /** `<domain>.<name>`, lowercase letters, digits and `-`. */
  id: string;
  /** The one subsystem that may publish on it. */
  owner: string;
  title: string;
  description: string;
  /** JSON pointer into the payload naming the asset, or null when the contract has no key. */
  key: string | null;
  compatibility: CompatibilityMode;
  tags: string[];
}
