/**
 * Who may call the hub: subsystems and architects, each with a secret token. The file lists each
 * identity with the SHA-256 of its token, never the token itself, so it can be reviewed and committed;
 * an identity that connects to NATS also has the bcrypt hash of its NATS password, the form
 * nats-server checks passwords against (`dx nats-config` copies it into the server's config).
 *
 *   [{ "id": "scada", "role": "subsystem", "tokenSha256": "…", "natsPasswordBcrypt": "$2b$11$…" }, …]
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DxError } from '../errors/dx-error.js';
import type { Identity, IdentityEntry, NatsIdentity, Role } from './identity.types.js';

/** bcrypt's modular crypt format: version, two-digit cost, 22 characters of salt and 31 of hash. */
const BCRYPT = /^\$2[abxy]\$\d{2}\$[./A-Za-z0-9]{53}$/;

export class IdentityDirectory {
  private readonly byDigest: Map<string, Identity>;
  private readonly byId: Map<string, Identity>;
  private readonly nats: NatsIdentity[];

  constructor(entries: IdentityEntry[]) {
    this.byDigest = new Map(entries.map((e) => [e.tokenSha256.toLowerCase(), { id: e.id, role: e.role }]));
    this.byId = new Map(entries.map((e) => [e.id, { id: e.id, role: e.role }]));
    this.nats = entries.flatMap((e) =>
      e.natsPasswordBcrypt ? [{ id: e.id, role: e.role, natsPasswordBcrypt: e.natsPasswordBcrypt }] : [],
    );
  }

  static fromFile(file: string): IdentityDirectory {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new Error(`cannot read the identities file ${file}: ${(error as Error).message}`, {
        cause: error,
      });
    }
    if (!Array.isArray(raw)) throw new Error(`${file} must hold a JSON array of identities`);
    return new IdentityDirectory(raw.map((entry, i) => checkEntry(entry, `${file}[${i}]`)));
  }

  /** The identity a bearer token belongs to; UNAUTHENTICATED when there is none or it is unknown. */
  authenticate(token: string | undefined): Identity {
    if (!token)
      throw new DxError('UNAUTHENTICATED', 'this call needs a bearer token (Authorization: Bearer <token>)');
    const digest = tokenDigest(token);
    for (const [known, identity] of this.byDigest) {
      if (timingSafeEqual(Buffer.from(known, 'hex'), Buffer.from(digest, 'hex'))) return identity;
    }
    throw new DxError('UNAUTHENTICATED', 'the bearer token is not known to this hub');
  }

  /** The identity with this id, when the file lists it (who connected is the broker's to check). */
  find(id: string): Identity | undefined {
    return this.byId.get(id);
  }

  identities(): Identity[] {
    return [...this.byDigest.values()];
  }

  /** The identities that have a NATS password, in the file's order. */
  natsIdentities(): NatsIdentity[] {
    return this.nats.map((n) => ({ ...n }));
  }
}

export function tokenDigest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function checkEntry(entry: unknown, where: string): IdentityEntry {
  const e = entry as Partial<IdentityEntry>;
  const roles: Role[] = ['subsystem', 'architect'];
  if (
    typeof e.id !== 'string' ||
    !e.id ||
    !roles.includes(e.role as Role) ||
    !/^[0-9a-f]{64}$/i.test(e.tokenSha256 ?? '') ||
    (e.natsPasswordBcrypt !== undefined && !BCRYPT.test(String(e.natsPasswordBcrypt)))
  ) {
    throw new Error(
      `${where} must be {"id": string, "role": "subsystem" | "architect", "tokenSha256": 64 hex digits, ` +
        `"natsPasswordBcrypt"?: a bcrypt hash such as $2b$11$…}`,
    );
  }
  return e as IdentityEntry;
}
