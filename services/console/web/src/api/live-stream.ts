/**
 * Follows the console's live stream (Server-Sent Events) with fetch, so that the bearer token goes in
 * the Authorization header as on every other call (EventSource cannot send headers). Parsing is
 * eventsource-parser's; a dropped stream is opened again after a pause that grows to 10 s.
 */
import { createParser } from 'eventsource-parser';
import { API } from './hub-client';
import type { EventEnvelope } from './types';

export interface LiveHandlers {
  ready?: (info: { topics: string[]; registry: boolean }) => void;
  data?: (envelope: EventEnvelope) => void;
  registry?: (change: { contract: string; types: string[] }) => void;
  refused?: (info: { topic: string; code: string }) => void;
  /** The stream failed (it is tried again) or was refused (it is not). */
  problem?: (message: string, final: boolean) => void;
}

export interface LiveOptions {
  token: string | null;
  registry?: boolean;
  /** contract/key or contract/* */
  topics?: string[];
}

/** Opens the stream; returns how to close it. */
export function followLive(options: LiveOptions, handlers: LiveHandlers): () => void {
  const controller = new AbortController();
  let delay = 500;
  const search = new URLSearchParams();
  if (options.registry) search.set('registry', '1');
  for (const topic of options.topics ?? []) search.append('data', topic);

  const run = async () => {
    while (!controller.signal.aborted) {
      try {
        const response = await fetch(`${API}/live?${search}`, {
          headers: options.token ? { authorization: `Bearer ${options.token}` } : {},
          signal: controller.signal,
        });
        if (!response.ok || !response.body) {
          const body = (await response.json().catch(() => undefined)) as
            { error?: { message: string } } | undefined;
          const final = response.status >= 400 && response.status < 500;
          handlers.problem?.(body?.error?.message ?? `the live stream answered ${response.status}`, final);
          if (final) return;
        } else {
          delay = 500;
          const parser = createParser({
            onEvent: (message) => dispatch(handlers, message.event ?? 'message', message.data),
          });
          const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
          for (;;) {
            const { value, done } = await reader.read();
            if (done) break;
            parser.feed(value);
          }
        }
      } catch (error) {
        if (controller.signal.aborted) return;
        handlers.problem?.(`the live stream was cut (${(error as Error).message}); reconnecting`, false);
      }
      if (controller.signal.aborted) return;
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 10_000);
    }
  };
  void run();
  return () => controller.abort();
}

function dispatch(handlers: LiveHandlers, event: string, data: string): void {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return;
  }
  if (event === 'ready') handlers.ready?.(value as { topics: string[]; registry: boolean });
  else if (event === 'data') handlers.data?.(value as EventEnvelope);
  else if (event === 'registry') handlers.registry?.(value as { contract: string; types: string[] });
  else if (event === 'refused') handlers.refused?.(value as { topic: string; code: string });
}
