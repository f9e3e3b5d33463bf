/**
 * `dx tail`: follows a contract live as NDJSON envelopes. It first checks with the registry that the
 * major has a live version. With --from it subscribes through the client library (as --as): it catches
 * up from the store until the store has passed where the live feed began, even while a late commit
 * holds the store's read fence, then follows live; every event once, in order per key, and a dropped
 * line is caught up again. Any refusal (CONTRACT_NOT_FOUND, READ_FORBIDDEN, a subscription the broker
 * denies, no live version, no gateway to catch up from) ends it with one line and exit 1 or 3; it never
 * waits on after an error.
 */
import type { Command } from 'commander';
import { PermissionViolationError, type NatsConnection } from '@nats-io/transport-node';
import { SUBJECTS } from '../../common/nats/subjects.js';
import {
  DxClient,
  HubRefusedError,
  HubUnreachableError,
  SubscriptionNotice,
  type EventEnvelope,
} from '../../client/index.js';
import { checkLiveMajor } from '../check-live-major.js';
import { CliFailure, EXIT } from '../exit-codes.js';
import { openNats } from '../open-nats.js';
import { parseContractId, parseIdentity, parseNonNegativeInteger } from '../parse-options.js';
import { READER_OPTION_HELP, readerIdentity } from '../reader-identity.js';
import { writeLine } from '../write-line.js';

interface TailOptions {
  major: number;
  from?: number;
  key?: string;
  as?: string;
}

/** How long one replay page may take to come back before the catch-up counts the hub as unreachable. */
const REPLAY_TIMEOUT_MS = 10_000;

export function registerTail(program: Command): void {
  program
    .command('tail')
    .description(
      "print a contract's events as NDJSON as they arrive, until interrupted; --from catches up first",
    )
    .argument('<contract>', 'contract id', parseContractId)
    .option('--major <n>', 'the major to receive', parseNonNegativeInteger, 1)
    .option(
      '--from <position>',
      'first replay every event after this global position',
      parseNonNegativeInteger,
    )
    .option('--key <key>', 'only this key')
    .option('--as <identity>', `${READER_OPTION_HELP} (with --from)`, parseIdentity)
    .action(async (contract: string, options: TailOptions) => {
      // Only the catch-up asks the hub; live events come as the broker allows the connection's user.
      const reader = options.from === undefined ? undefined : readerIdentity(options.as);
      // A tail that catches up can also catch up again after the line drops: it keeps reconnecting.
      const nats = await openNats({ reconnect: reader !== undefined });
      try {
        const warning = await checkLiveMajor(nats, contract, options.major);
        if (warning) console.error(warning);
        const interrupted = new Promise<void>((resolve) => {
          process.once('SIGINT', resolve);
          process.once('SIGTERM', resolve);
        });
        if (reader === undefined) await followLive(nats, contract, options, interrupted);
        else await catchUpAndFollow(nats, contract, { ...options, from: options.from! }, reader, interrupted);
      } finally {
        // Whatever ended it, nothing may keep the process waiting.
        if (!nats.isClosed()) await nats.close();
      }
    });
}

const printEvent = (event: EventEnvelope) => writeLine(process.stdout, JSON.stringify(event));

function brokerRefused(subject: string, error: Error): CliFailure {
  return new CliFailure(
    `the broker refused the subscription to ${subject} (${error.message}): register as a consumer of this major`,
    EXIT.found,
  );
}

/** Without --from: what is published from now on, as it comes (nothing to merge with the store). */
async function followLive(
  nats: NatsConnection,
  contract: string,
  options: TailOptions,
  interrupted: Promise<void>,
): Promise<void> {
  const subject = SUBJECTS.data(contract, options.major, options.key ?? '>');
  const live = nats.subscribe(subject);
  void interrupted.then(() => live.unsubscribe());
  try {
    for await (const msg of live) await printEvent(msg.json<EventEnvelope>());
  } catch (error) {
    if (error instanceof PermissionViolationError) throw brokerRefused(subject, error);
    throw error;
  }
}

/** With --from: the client library's subscription, which merges the store and the live feed. */
async function catchUpAndFollow(
  nats: NatsConnection,
  contract: string,
  options: TailOptions & { from: number },
  reader: string,
  interrupted: Promise<void>,
): Promise<void> {
  const subject = SUBJECTS.data(contract, options.major, options.key ?? '>');
  let caughtUp = false;
  let fail!: (failure: CliFailure) => void;
  const failed = new Promise<never>((_, reject) => (fail = reject));
  failed.catch(() => undefined);
  const client = await DxClient.connect({
    nats,
    identity: reader,
    requestTimeoutMs: REPLAY_TIMEOUT_MS,
    onError: (error) => {
      if (error instanceof PermissionViolationError) return fail(brokerRefused(subject, error));
      // Before the catch-up is done there is nothing to show yet: say so rather than wait without a word.
      if (error instanceof HubUnreachableError && !caughtUp)
        return fail(
          new CliFailure(
            `no answer on ${SUBJECTS.replay(reader)}: ${error.message} (is the gateway running?)`,
          ),
        );
      // What the subscription works around (a wait for the store, a retry) goes to stderr, not the NDJSON.
      if (error instanceof SubscriptionNotice || error instanceof HubUnreachableError)
        console.error(`dx tail: ${error.message}`);
    },
  });
  const subscription = await client.subscribe(
    contract,
    { major: options.major, from: options.from, key: options.key },
    printEvent,
  );
  void subscription.caughtUp.then(() => (caughtUp = true));
  const lost = nats.closed().then((error) => {
    throw new CliFailure(`lost the connection to NATS${error ? ` (${error.message})` : ''}`);
  });
  try {
    await Promise.race([subscription.closed, failed, lost, interrupted]);
  } catch (error) {
    if (error instanceof HubRefusedError) throw new CliFailure(`${error.code}: ${error.message}`, EXIT.found);
    throw error;
  } finally {
    await subscription.close();
    await client.close();
  }
}
