/**
 * GET /console/api/live: a Server-Sent Events stream of what a page follows
 * (`?registry=1&data=scada.reactor-telemetry/R101&data=scada.alarms/*`). Events: `ready` once
 * subscribed, `data` (an envelope), `registry` (what the registry recorded), `refused` (a topic the
 * reader may no longer read). The browser sends its bearer token as on every call (fetch, not
 * EventSource, which cannot send headers).
 */
import { Controller, Get, Inject, Query, Req, Res, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Caller, IdentityGuard } from '../../common/http/identity.guard.js';
import type { Identity } from '../../common/identity/identity.types.js';
import type { ConsoleConfig } from '../console-config.js';
import { CONSOLE_CONFIG } from '../console.tokens.js';
import { flag, list, type Query as Params } from '../history/history-params.js';
import { LiveStreams, type LiveSink } from './live-streams.js';
import { parseTopic } from './live-topic.js';

/** A comment line this often keeps proxies and browsers from closing a quiet stream. */
const HEARTBEAT_MS = 15_000;

@Controller('console/api/live')
export class LiveController {
  constructor(
    private readonly streams: LiveStreams,
    @Inject(CONSOLE_CONFIG) private readonly config: ConsoleConfig,
  ) {}

  @Get()
  @UseGuards(IdentityGuard)
  async open(
    @Caller() caller: Identity,
    @Query() query: Params,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const topics = list(query, 'data').map(parseTopic);
    let closed = false;
    const sink: LiveSink = {
      send: (event, data) => {
        if (closed) return;
        response.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
        // A browser that does not read: close rather than hold its backlog in memory.
        if (response.writableLength > this.config.streamBacklogBytes) response.end();
      },
      close: () => response.end(),
    };
    // Refusals (READ_FORBIDDEN, too many streams) throw before anything is sent: an HTTP error.
    const stop = await this.streams.start(caller, { registry: flag(query, 'registry'), topics }, sink);
    // Nothing has arrived yet: NATS callbacks run on a later turn of the event loop than this one.
    response.status(200).set({
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      'x-accel-buffering': 'no',
    });
    response.flushHeaders();
    sink.send('ready', { topics: list(query, 'data'), registry: flag(query, 'registry') });
    const heartbeat = setInterval(() => response.write(': keep-alive\n\n'), HEARTBEAT_MS);
    const end = () => {
      if (closed) return;
      closed = true;
      clearInterval(heartbeat);
      stop();
    };
    request.on('close', end);
    response.on('close', end);
  }
}
