/**
 * Message ids derived from the message itself, so that the same plant message gets the same dx-msg-id
 * however often it arrives (an MQTT redelivery after the bridge died, a replica that took it over, a
 * republished OPC UA notification) and the hub stores it once.
 */
import { createHash } from 'node:crypto';

/** `<edge>:<sha256 of the parts, each length-prefixed>` in base64url (43 characters). */
export function deriveMsgId(edge: string, ...parts: (string | Uint8Array)[]): string {
  const hash = createHash('sha256');
  for (const part of parts) {
    const bytes = typeof part === 'string' ? Buffer.from(part, 'utf8') : part;
    const length = Buffer.alloc(4);
    length.writeUInt32BE(bytes.length);
    hash.update(length).update(bytes);
  }
  return `${edge}:${hash.digest('base64url')}`;
}
