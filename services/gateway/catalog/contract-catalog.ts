/**
 * What the gateway knows of the contracts: the registry's state, folded from the registry's events in
 * the store (so the gateway needs no running registry to start), refreshed when the registry
 * announces a change and whenever a contract or version is not found. Validators are compiled once
 * per version and kept: a published version never changes.
 */
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import { compileTransform, type Transform } from './compile-transform.js';
import type { Kysely } from 'kysely';
import type { DB } from '../../common/db/schema.js';
import { DxError } from '../../common/errors/dx-error.js';
import { SUBJECTS } from '../../common/nats/subjects.js';
import { KYSELY_DB } from '../../common/nest/database/database.tokens.js';
import { NATS_CONNECTION } from '../../common/nest/nats/nats.tokens.js';
import { compileSchema, type CompiledSchema } from '../../common/schemas/compile-schema.js';
import {
  LIVE_STATUSES,
  RegistryReader,
  liveMajors,
  type ContractState,
  type VersionState,
} from '../../common/registry-state/index.js';

export interface ResolvedVersion {
  contract: ContractState;
  version: VersionState;
  schema: CompiledSchema;
}

/** Converts data of one major to another, or says it cannot (no chain of transforms reaches it). */
export type Conversion = ((data: unknown) => Promise<unknown>) | null;

@Injectable()
export class ContractCatalog implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly registry: RegistryReader;
  private readonly compiled = new Map<string, CompiledSchema>();
  private readonly transforms = new Map<string, Transform>();
  private subscription?: Subscription;
  private lastMissRefresh = 0;

  constructor(
    @Inject(KYSELY_DB) db: Kysely<DB>,
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
  ) {
    this.registry = new RegistryReader(db);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.registry.refresh();
    this.subscription = this.nats.subscribe(SUBJECTS.registryChanged, {
      callback: () => void this.registry.refresh().catch(() => undefined),
    });
  }

  async onApplicationShutdown(): Promise<void> {
    this.subscription?.unsubscribe();
  }

  refresh(): Promise<void> {
    return this.registry.refresh();
  }

  contract(contractId: string): ContractState | undefined {
    return this.registry.state.contracts.get(contractId);
  }

  /** The contract and a version a producer may publish with (active or deprecated), fresh if need be. */
  async resolve(contractId: string, version: string): Promise<ResolvedVersion> {
    let found = this.find(contractId, version);
    // A miss may be a version approved a moment ago: look again.
    if (!found.version && (await this.refreshAfterMiss())) found = this.find(contractId, version);
    const { contract } = found;
    if (!contract)
      throw new DxError('CONTRACT_NOT_FOUND', `there is no contract ${contractId}`, { contract: contractId });
    const live = contract.versions.filter((v) => LIVE_STATUSES.includes(v.status)).map((v) => v.version);
    if (!found.version) {
      const known = contract.versions.find((v) => v.version === version);
      throw new DxError(
        'VERSION_NOT_FOUND',
        known
          ? `${contractId} ${version} is ${known.status}; publish with a live version (${live.join(', ') || 'none'})`
          : `${contractId} has no version ${version} (live: ${live.join(', ') || 'none'})`,
        { contract: contractId, version, live },
      );
    }
    return { contract, version: found.version, schema: this.validatorOf(contractId, found.version) };
  }

  /**
   * Reads the registry again after something was not found (a version approved, a consumer registered
   * a moment ago), but at most once a second, so that a caller hammering what does not exist does not
   * turn every request into a registry read. Says whether it read.
   */
  async refreshAfterMiss(): Promise<boolean> {
    if (Date.now() - this.lastMissRefresh <= 1000) return false;
    this.lastMissRefresh = Date.now();
    await this.registry.refresh();
    return true;
  }

  liveMajors(contract: ContractState): number[] {
    return liveMajors(contract);
  }

  /** The newest live version of a major: what data delivered on that major says it follows. */
  newestLiveVersion(contract: ContractState, major: number): VersionState | undefined {
    return contract.versions.filter((v) => v.major === major && LIVE_STATUSES.includes(v.status)).at(-1);
  }

  /** Data of major `from` as data of major `to`, through the transforms of each step between them. */
  conversion(contract: ContractState, from: number, to: number): Conversion {
    if (from === to) return async (data) => data;
    const steps: Transform[] = [];
    const direction = to > from ? 'up' : 'down';
    for (let major = from; major !== to; major += to > from ? 1 : -1) {
      const target = direction === 'up' ? major + 1 : major;
      const transform = this.transform(contract, target, direction);
      if (!transform) return null;
      steps.push(transform);
    }
    return async (data) => {
      let value = data;
      for (const step of steps) value = await step(value);
      return value;
    };
  }

  private find(contractId: string, version: string): { contract?: ContractState; version?: VersionState } {
    const contract = this.registry.state.contracts.get(contractId);
    const found = contract?.versions.find((v) => v.version === version && LIVE_STATUSES.includes(v.status));
    return { contract, version: found };
  }

  private validatorOf(contractId: string, version: VersionState): CompiledSchema {
    const id = `${contractId}@${version.version}`;
    let compiled = this.compiled.get(id);
    if (!compiled) {
      compiled = compileSchema(version.schema, id);
      this.compiled.set(id, compiled);
    }
    return compiled;
  }

  /** `<major>.up` (from major-1) or `<major>.down` (to major-1), kept with version `<major>.0.0`. */
  private transform(contract: ContractState, major: number, direction: 'up' | 'down'): Transform | null {
    const id = `${contract.descriptor.id}:${major}.${direction}`;
    const cached = this.transforms.get(id);
    if (cached) return cached;
    const source = contract.versions.find((v) => v.version === `${major}.0.0`)?.transforms?.[direction];
    if (!source) return null;
    const transform = compileTransform(source);
    this.transforms.set(id, transform);
    return transform;
  }
}
