/**
 * The registry over NATS request/reply, dx.registry.<operation>, mirroring the HTTP API. A request is
 * JSON; changes carry the caller's token in the `authorization` header ("Bearer <token>"). Replies
 * are {ok:true, result} or {ok:false, error:{code, message, details}}. Instances share the subjects
 * through a queue group.
 */
import { parseConsumerUnits } from '../../common/units/consumer-units.js';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Msg, NatsConnection, Subscription } from '@nats-io/transport-node';
import { bearerToken } from '../../common/http/bearer-token.js';
import { IDENTITY_DIRECTORY } from '../../common/http/identity.guard.js';
import { integerList, optionalString, requiredString, type Body } from '../../common/http/request-fields.js';
import type { IdentityDirectory } from '../../common/identity/identity-directory.js';
import type { Identity } from '../../common/identity/identity.types.js';
import { serveOperations } from '../../common/nats/serve-operations.js';
import { HEADERS, QUEUE_GROUPS, SUBJECTS } from '../../common/nats/subjects.js';
import { NATS_CONNECTION } from '../../common/nest/nats/nats.tokens.js';
import type { JsonSchema } from '../../common/schemas/json-schema.types.js';
import { parseReviewCandidate } from './parse-review-candidate.js';
import { RegistryApiService } from './registry-api.service.js';

type Handler = (body: Body, caller: () => Identity) => Promise<unknown>;

@Injectable()
export class RegistryNatsHandlers implements OnApplicationBootstrap, OnApplicationShutdown {
  private subscription?: Subscription;

  constructor(
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    @Inject(IDENTITY_DIRECTORY) private readonly identities: IdentityDirectory,
    private readonly registry: RegistryApiService,
  ) {}

  private readonly handlers: Record<string, Handler> = {
    list: () => this.registry.list(),
    get: (b) => this.registry.get(requiredString(b, 'contract')),
    schema: (b) => this.registry.schema(requiredString(b, 'contract'), requiredString(b, 'version')),
    'can-retire': (b) =>
      this.registry.canRetire(requiredString(b, 'contract'), integerList({ m: [b.major] }, 'm')[0]!),
    asyncapi: () => this.registry.asyncApi(),
    proposals: () => this.registry.proposals(),
    review: (b) => this.registry.review(requiredString(b, 'contract'), requiredString(b, 'version')),
    preview: (b) => this.registry.preview(requiredString(b, 'contract'), parseReviewCandidate(b)),
    diff: (b) =>
      this.registry.diff(requiredString(b, 'contract'), requiredString(b, 'from'), requiredString(b, 'to')),
    propose: (b, caller) =>
      this.registry.propose(caller(), {
        contract: requiredString(b, 'contract'),
        version: requiredString(b, 'version'),
        schema: b.schema as JsonSchema,
        transforms: b.transforms as { up?: string; down?: string } | undefined,
        comment: optionalString(b, 'comment'),
      }),
    approve: (b, caller) =>
      this.registry.approve(
        caller(),
        requiredString(b, 'contract'),
        requiredString(b, 'version'),
        optionalString(b, 'comment'),
      ),
    reject: (b, caller) =>
      this.registry.reject(
        caller(),
        requiredString(b, 'contract'),
        requiredString(b, 'version'),
        optionalString(b, 'comment'),
      ),
    deprecate: (b, caller) =>
      this.registry.deprecate(
        caller(),
        requiredString(b, 'contract'),
        requiredString(b, 'version'),
        requiredString(b, 'sunset'),
        optionalString(b, 'comment'),
      ),
    retire: (b, caller) =>
      this.registry.retire(
        caller(),
        requiredString(b, 'contract'),
        requiredString(b, 'version'),
        optionalString(b, 'comment'),
      ),
    'register-consumer': (b, caller) =>
      this.registry.registerConsumer(
        caller(),
        requiredString(b, 'contract'),
        requiredString(b, 'consumer'),
        integerList(b, 'majors'),
        parseConsumerUnits(b.units),
      ),
    'unregister-consumer': (b, caller) =>
      this.registry.unregisterConsumer(
        caller(),
        requiredString(b, 'contract'),
        requiredString(b, 'consumer'),
      ),
  };

  /** Serves the operations; app.init() resolves once the server has the subscription (requests then find it). */
  async onApplicationBootstrap(): Promise<void> {
    this.subscription = serveOperations(this.nats, {
      prefix: SUBJECTS.registry(''),
      queue: QUEUE_GROUPS.registry,
      service: 'registry',
      operations: Object.fromEntries(
        Object.entries(this.handlers).map(([name, handler]) => [
          name,
          (body: Body, msg: Msg) =>
            handler(body, () =>
              this.identities.authenticate(bearerToken(msg.headers?.get(HEADERS.authorization))),
            ),
        ]),
      ),
    });
    await this.nats.flush();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscription?.drain().catch(() => undefined);
  }
}
