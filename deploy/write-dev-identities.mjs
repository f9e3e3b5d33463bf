// Rewrites deploy/identities.dev.json:  node deploy/write-dev-identities.mjs
//
// The development identities and their public secrets: each identity's bearer token and NATS password
// is dev-<id>-token. The file holds only their hashes (SHA-256 of the token, bcrypt of the NATS
// password), as a production identities file would. bcrypt salts at random, so every run changes the
// hashes but not what they accept. Never use these identities outside development.
import bcrypt from 'bcryptjs';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const IDENTITIES = [
  ['scada', 'subsystem'],
  ['vr', 'subsystem'],
  ['simulation', 'subsystem'],
  ['twin', 'subsystem'],
  ['analytics', 'subsystem'],
  ['hub', 'subsystem'],
  ['architect', 'architect'],
];
// nats-server's own mkpasswd uses cost 11; the server pays it once per connection.
const BCRYPT_COST = 11;

const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'identities.dev.json');
const entries = IDENTITIES.map(([id, role]) => {
  const secret = `dev-${id}-token`;
  return {
    id,
    role,
    tokenSha256: createHash('sha256').update(secret).digest('hex'),
    natsPasswordBcrypt: bcrypt.hashSync(secret, BCRYPT_COST),
  };
});
writeFileSync(file, `${JSON.stringify(entries, null, 2)}\n`);
console.log(`wrote ${entries.length} identities to ${path.relative(process.cwd(), file) || file}`);
