/**
 * Who is signed in. The console signs in with the hub's own bearer tokens: the browser keeps the
 * token and sends it on every call, and each service decides with it as it does for any caller.
 */
import { Controller, Get, Inject, UseGuards } from '@nestjs/common';
import { Caller, IDENTITY_DIRECTORY, IdentityGuard } from '../../common/http/identity.guard.js';
import type { IdentityDirectory } from '../../common/identity/identity-directory.js';
import type { Identity } from '../../common/identity/identity.types.js';
import { ReadCheck } from '../access/read-check.js';
import { devTokens, type DevToken } from './dev-tokens.js';

@Controller('console/api')
export class SessionController {
  constructor(
    @Inject(IDENTITY_DIRECTORY) private readonly identities: IdentityDirectory,
    private readonly access: ReadCheck,
  ) {}

  /** The caller's identity and the contracts it may read. */
  @Get('session')
  @UseGuards(IdentityGuard)
  session(@Caller() caller: Identity): { identity: Identity; readable: string[] } {
    return { identity: caller, readable: this.access.readable(caller) };
  }

  /** What the sign-in page offers: development tokens, only with the development identities file. */
  @Get('sign-in')
  signIn(): { devTokens: DevToken[] } {
    return { devTokens: devTokens(this.identities) };
  }
}
