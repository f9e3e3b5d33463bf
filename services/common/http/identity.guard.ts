/** Authenticates the bearer token of a request and attaches the caller's identity to it. */
import {
  Inject,
  Injectable,
  createParamDecorator,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import type { Request } from 'express';
import type { IdentityDirectory } from '../identity/identity-directory.js';
import type { Identity } from '../identity/identity.types.js';
import { bearerToken } from './bearer-token.js';

export const IDENTITY_DIRECTORY = Symbol('IDENTITY_DIRECTORY');

type WithIdentity = Request & { identity?: Identity };

@Injectable()
export class IdentityGuard implements CanActivate {
  constructor(@Inject(IDENTITY_DIRECTORY) private readonly directory: IdentityDirectory) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<WithIdentity>();
    request.identity = this.directory.authenticate(bearerToken(request.headers.authorization));
    return true;
  }
}

/** The identity IdentityGuard attached; use it only on guarded routes. */
export const Caller = createParamDecorator((_data: unknown, context: ExecutionContext): Identity => {
  const identity = context.switchToHttp().getRequest<WithIdentity>().identity;
  if (!identity) throw new Error('Caller used on a route without IdentityGuard');
  return identity;
});
