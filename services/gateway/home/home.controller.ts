/**
 * GET / on the gateway leads people to the console (its own service, on its own port): to
 * DX_CONSOLE_URL when set, else to the console's default port on the host the browser asked for.
 */
import { Controller, Get, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { positiveInteger } from '../../common/config/env-integer.js';

export function consoleUrl(request: Pick<Request, 'hostname' | 'protocol'>, env = process.env): string {
  if (env.DX_CONSOLE_URL) return env.DX_CONSOLE_URL;
  const host = request.hostname.includes(':') ? `[${request.hostname}]` : request.hostname;
  return `${request.protocol}://${host}:${positiveInteger(env, 'CONSOLE_PORT', 8083)}/console/`;
}

@Controller()
export class HomeController {
  @Get()
  home(@Req() request: Request, @Res() response: Response): void {
    response.redirect(302, consoleUrl(request));
  }
}
