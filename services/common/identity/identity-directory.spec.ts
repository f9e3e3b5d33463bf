import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import bcrypt from 'bcryptjs';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { IdentityDirectory, tokenDigest } from './identity-directory.js';

let scratch: string;
const hash = bcrypt.hashSync('scada-nats', 4);

beforeAll(() => {
  scratch = mkdtempSync(path.join(tmpdir(), 'dx-identities-'));
});

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

function file(entries: unknown): string {
  const name = path.join(scratch, `${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(name, JSON.stringify(entries));
  return name;
}

describe('the identities file', () => {
  it('gives NATS users to the identities with a NATS password hash, and only to them', () => {
    const directory = IdentityDirectory.fromFile(
      file([
        { id: 'scada', role: 'subsystem', tokenSha256: tokenDigest('scada-http'), natsPasswordBcrypt: hash },
        { id: 'architect', role: 'architect', tokenSha256: tokenDigest('architect-http') },
      ]),
    );
    expect(directory.natsIdentities()).toEqual([
      { id: 'scada', role: 'subsystem', natsPasswordBcrypt: hash },
    ]);
    expect(directory.authenticate('architect-http')).toEqual({ id: 'architect', role: 'architect' });
    expect(directory.authenticate('scada-http')).toEqual({ id: 'scada', role: 'subsystem' });
  });

  it('refuses a NATS password that is not a bcrypt hash, naming the entry', () => {
    const where = file([
      { id: 'scada', role: 'subsystem', tokenSha256: tokenDigest('x'), natsPasswordBcrypt: 'plaintext' },
    ]);
    expect(() => IdentityDirectory.fromFile(where)).toThrow(`${where}[0] must be`);
  });

  it('has a NATS password for every development identity, dev-<id>-token like its bearer token', () => {
    const dev = IdentityDirectory.fromFile(
      fileURLToPath(new URL('../../../deploy/identities.dev.json', import.meta.url)),
    );
    const ids = dev.identities().map((i) => i.id);
    expect(dev.natsIdentities().map((i) => i.id)).toEqual(ids);
    for (const identity of dev.natsIdentities()) {
      expect(bcrypt.compareSync(`dev-${identity.id}-token`, identity.natsPasswordBcrypt)).toBe(true);
      expect(dev.authenticate(`dev-${identity.id}-token`).id).toBe(identity.id);
    }
  });
});
