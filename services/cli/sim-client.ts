/** `dx sim ...` talks to the simulation service over dx.sim.<operation>; a refusal becomes a CliFailure. */
import { readFile } from 'node:fs/promises';
import { headers as natsHeaders } from '@nats-io/transport-node';
import { describeError } from '../common/errors/describe-error.js';
import { HEADERS, SUBJECTS } from '../common/nats/subjects.js';
import { CliFailure, EXIT } from './exit-codes.js';
import { openNats } from './open-nats.js';

/** One request; `token` (DX_TOKEN) goes in the authorization header, for operations that need a caller. */
export async function simRequest(
  operation: string,
  body: unknown,
  timeoutMs = 10_000,
  token?: string,
): Promise<unknown> {
  const nats = await openNats();
  const headers = token ? natsHeaders() : undefined;
  headers?.set(HEADERS.authorization, `Bearer ${token}`);
  try {
    let reply: {
      ok: boolean;
      result?: unknown;
      error?: { code: string; message: string; details?: unknown };
    };
    try {
      reply = (
        await nats.request(SUBJECTS.sim(operation), JSON.stringify(body), {
          timeout: timeoutMs,
          ...(headers ? { headers } : {}),
        })
      ).json();
    } catch (error) {
      throw new CliFailure(
        `no answer on ${SUBJECTS.sim(operation)}: ${describeError(error)} (is the simulation service running?)`,
      );
    }
    if (!reply.ok) {
      const lines: string[] = [];
      const problems = (
        reply.error?.details as { problems?: { path: string; code: string; message: string }[] }
      )?.problems;
      for (const p of problems ?? []) lines.push(`${p.path || '/'}: ${p.code}: ${p.message}`);
      throw new CliFailure(
        [`${reply.error!.code}: ${reply.error!.message}`, ...lines].join('\n  '),
        EXIT.found,
      );
    }
    return reply.result;
  } finally {
    await nats.close();
  }
}

/** A JSON object from a file, or a usage failure naming the file. */
export async function readJsonObject(file: string): Promise<Record<string, unknown>> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new CliFailure(`cannot read ${file}: ${describeError(error)}`, EXIT.usage);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new CliFailure(`${file} must hold a JSON object`, EXIT.usage);
  }
  return parsed as Record<string, unknown>;
}

/** A request file: either a whole request ({scenario, ...}) or just a scenario. */
export async function readScenarioFile(file: string): Promise<Record<string, unknown>> {
  const body = await readJsonObject(file);
  return 'scenario' in body ? body : { scenario: body };
}
