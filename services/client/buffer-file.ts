/**
 * The store-and-forward buffer's file format: JSON lines, appended only. A message line holds all a
 * publish request needs, so a restarted client sends exactly what the first one would have:
 *
 *   {"id":"<dx-msg-id>","contract":"scada.reactor-telemetry","headers":{"dx-producer":...},"body":{...}}
 *
 * When the hub has answered a message (stored it, or refused it for good), an ack line follows:
 *
 *   {"ack":"<dx-msg-id>"}
 *
 * An ack settles the oldest pending message with that id (messages are flushed in order). Compaction
 * rewrites the file with the pending messages only.
 */

export interface BufferedMessage {
  /** The dx-msg-id header: the same on every attempt, so the hub stores the message once. */
  id: string;
  contract: string;
  /** The publish request's headers, as sent. */
  headers: Record<string, string>;
  /** One payload, or an array of payloads (a batch). */
  body: unknown;
}

export function messageLine(message: BufferedMessage): string {
  const { id, contract, headers, body } = message;
  return `${JSON.stringify({ id, contract, headers, body })}\n`;
}

export function ackLine(id: string): string {
  return `${JSON.stringify({ ack: id })}\n`;
}

export interface BufferFileContents {
  /** The messages still waiting for the hub, oldest first. */
  pending: BufferedMessage[];
  /** Whether the file holds anything else (acks, a torn last line): compacting it would shrink it. */
  untidy: boolean;
}

/**
 * Reads a buffer file's text. A last line without its newline is a write that a crash cut short:
 * its append was never acknowledged to the caller (the fsync did not return), so it is dropped. Any
 * other line that is not a buffer line means the file was damaged, and reading refuses rather than
 * silently losing messages.
 */
export function readBufferFile(text: string, file: string): BufferFileContents {
  const lines = text.split('\n');
  const torn = lines.pop() !== '';
  const pending: BufferedMessage[] = [];
  let acks = 0;
  lines.forEach((line, index) => {
    if (line === '') return;
    const parsed = parseLine(line);
    if (!parsed) throw new Error(`${file}:${index + 1} is not a line of a DX Hub publish buffer`);
    if ('ack' in parsed) {
      acks++;
      const at = pending.findIndex((m) => m.id === parsed.ack);
      if (at >= 0) pending.splice(at, 1);
    } else {
      pending.push(parsed);
    }
  });
  return { pending, untidy: torn || acks > 0 };
}

function parseLine(line: string): BufferedMessage | { ack: string } | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  if (typeof record.ack === 'string') return { ack: record.ack };
  const { id, contract, headers, body } = record;
  if (typeof id !== 'string' || typeof contract !== 'string') return undefined;
  if (typeof headers !== 'object' || headers === null || body === undefined) return undefined;
  if (Object.values(headers).some((v) => typeof v !== 'string')) return undefined;
  return { id, contract, headers: headers as Record<string, string>, body };
}
