/**
 * Who `dx get` and `dx tail` read as: `--as <identity>`, else the NATS user in NATS_URL (on a secured
 * bus the broker lets a user ask only under its own name, so that is the one that works). Without
 * either there is nobody to ask as, and guessing a privileged identity would hide the hub's rule.
 */
import { loadConfig } from '../common/config/config.js';
import { natsServerOptions } from '../common/nats/nats-url.js';
import { CliFailure, EXIT } from './exit-codes.js';

export const READER_OPTION_HELP =
  'read as this identity (default: the user in NATS_URL); the hub answers only its owner, ' +
  'its registered consumers, architects and the hub';

export function readerIdentity(as: string | undefined): string {
  const reader = as ?? natsServerOptions(loadConfig().natsUrl).user;
  if (!reader)
    throw new CliFailure(
      'say who reads: --as <identity> (e.g. --as architect), or a user in NATS_URL (nats://<identity>:<password>@host:4222)',
      EXIT.usage,
    );
  return reader;
}
