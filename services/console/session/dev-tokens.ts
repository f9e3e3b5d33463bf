/**
 * The development tokens the sign-in page offers: for each identity, `dev-<id>-token`, but only when
 * the identities file really accepts that token for that identity. A production identities file
 * (tokens that are not the development ones) therefore lists nothing, without a switch to forget.
 */
import type { IdentityDirectory } from '../../common/identity/identity-directory.js';
import type { Identity } from '../../common/identity/identity.types.js';

export interface DevToken extends Identity {
  token: string;
}

export function devTokens(directory: IdentityDirectory): DevToken[] {
  return directory.identities().flatMap((identity) => {
    const token = `dev-${identity.id}-token`;
    try {
      return directory.authenticate(token).id === identity.id ? [{ ...identity, token }] : [];
    } catch {
      return [];
    }
  });
}
