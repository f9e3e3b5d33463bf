/** What one NATS user may do, as nats-server's `permissions` block says it. */
export interface SubjectPermissions {
  publish: { allow: string[]; deny: string[] };
  subscribe: { allow: string[] };
  /** May publish to the reply subject of a request it received (answer requests), once each. */
  allowResponses: boolean;
}

/** One entry of the generated `users` list. */
export interface NatsUserEntry {
  user: string;
  passwordBcrypt: string;
  permissions: SubjectPermissions;
  /** Why it has these permissions, written above the entry for a reviewer. */
  comment: string;
}
