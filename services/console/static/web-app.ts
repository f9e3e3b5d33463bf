/**
 * Serves the built front end under /console: its hashed assets for a year, every other path of a
 * page (/console/live, /console/review/...) as index.html, which the front end's router reads. `/`
 * leads to /console/. Without a build it says how to make one rather than answering 404s.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type NextFunction, type Request, type Response } from 'express';

export const WEB_BASE = '/console';

export function serveWebApp(app: { use: (...args: unknown[]) => unknown }, webDir: string): void {
  const index = path.join(webDir, 'index.html');
  app.use(
    `${WEB_BASE}/assets`,
    express.static(path.join(webDir, 'assets'), { immutable: true, maxAge: '365d', fallthrough: false }),
  );
  app.use(WEB_BASE, express.static(webDir, { index: false, maxAge: 0 }));
  app.use((request: Request, response: Response, next: NextFunction) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return next();
    if (request.path === '/' || request.path === WEB_BASE) return response.redirect(302, `${WEB_BASE}/`);
    if (!request.path.startsWith(`${WEB_BASE}/`) || request.path.startsWith(`${WEB_BASE}/api/`))
      return next();
    if (!existsSync(index)) {
      response
        .status(503)
        .type('text/plain')
        .send(`The console's front end is not built (${index} is missing): run npm run build.\n`);
      return;
    }
    response.setHeader('cache-control', 'no-cache');
    response.sendFile(index);
  });
}
