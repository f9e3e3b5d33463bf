/**
 * The scenario library: named, versioned scenarios stored in the hub as sim.scenarios events (one
 * stream per name), folded from the store by every instance of the service, so each sees the same
 * library. A name belongs to the subsystem that saved its first version: only it, or an architect,
 * saves the next. A save whose request hashes like the latest version's is that version (no event).
 * Two saves of one name at once are ordered by the stream's expected position: the loser is told
 * CONFLICT and may save again.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../common/db/schema.js';
import { DxError } from '../../common/errors/dx-error.js';
import { readAllEvents } from '../../common/event-store/read-events.js';
import type { Identity } from '../../common/identity/identity.types.js';
import type { HubPublisher } from '../hub/hub-publisher.js';
import {
  SCENARIOS_CONTRACT,
  SCENARIOS_VERSION,
  parseScenarioFile,
  requestHash,
  type SavedScenario,
} from './saved-scenario.js';

export interface ScenarioSummary {
  name: string;
  version: number;
  owner: string;
  description?: string;
  mode?: unknown;
  hash: string;
  savedAt: string;
  versions: number;
}

export interface SaveOutcome {
  saved: SavedScenario;
  /** True when the request was the latest version's already: nothing was stored. */
  unchanged: boolean;
}

/** Checks that a request would run (the service's own checks), before it is saved. */
export type RequestCheck = (request: Record<string, unknown>) => Promise<void>;

export class ScenarioLibrary {
  private readonly byName = new Map<string, SavedScenario[]>();
  private after = 0;
  private refreshing?: Promise<void>;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly publisher: HubPublisher,
    private readonly check: RequestCheck,
  ) {}

  /** Folds the sim.scenarios events stored since the last refresh (one refresh at a time). */
  async refresh(): Promise<void> {
    this.refreshing ??= (async () => {
      for await (const page of readAllEvents(this.db, { contractId: SCENARIOS_CONTRACT }, this.after)) {
        for (const event of page) {
          const data = event.data as unknown as Omit<SavedScenario, 'position'>;
          const versions = this.byName.get(data.name) ?? [];
          versions.push({ ...data, position: event.position });
          this.byName.set(data.name, versions);
          this.after = event.position;
        }
      }
    })().finally(() => (this.refreshing = undefined));
    await this.refreshing;
  }

  async list(): Promise<ScenarioSummary[]> {
    await this.refresh();
    return [...this.byName.values()]
      .map((versions) => {
        const latest = versions.at(-1)!;
        const scenario = latest.request.scenario as { mode?: unknown } | undefined;
        return {
          name: latest.name,
          version: latest.version,
          owner: latest.owner,
          ...(latest.description ? { description: latest.description } : {}),
          mode: scenario?.mode,
          hash: latest.hash,
          savedAt: latest.savedAt,
          versions: versions.length,
        };
      })
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /** A version of a name (the latest by default), or NOT_FOUND. */
  async show(name: string, version?: number): Promise<SavedScenario> {
    await this.refresh();
    const versions = this.byName.get(name);
    if (!versions) {
      throw new DxError('NOT_FOUND', `the library holds no scenario ${name}`, {
        name,
        known: [...this.byName.keys()].sort(),
      });
    }
    const found = version === undefined ? versions.at(-1) : versions.find((v) => v.version === version);
    if (!found) {
      throw new DxError('NOT_FOUND', `${name} has no version ${version} (it has 1 to ${versions.length})`, {
        name,
        version,
        latest: versions.length,
      });
    }
    return found;
  }

  async save(caller: Identity, body: unknown): Promise<SaveOutcome> {
    const file = parseScenarioFile(body);
    await this.check(file.request);
    await this.refresh();
    const versions = this.byName.get(file.name) ?? [];
    const latest = versions.at(-1);
    if (latest && caller.id !== latest.owner && caller.role !== 'architect') {
      throw new DxError(
        'FORBIDDEN',
        `${caller.id} may not save ${file.name}: it belongs to ${latest.owner}, who saved it first (or an architect may)`,
        { name: file.name, owner: latest.owner, caller: caller.id },
      );
    }
    const hash = requestHash(file.request);
    if (latest && latest.hash === hash && latest.description === file.description)
      return { saved: latest, unchanged: true };
    const owner = latest?.owner ?? caller.id;
    const payload = {
      name: file.name,
      version: versions.length + 1,
      owner,
      ...(caller.id !== owner ? { savedBy: caller.id } : {}),
      ...(file.description !== undefined ? { description: file.description } : {}),
      request: file.request,
      hash,
      savedAt: new Date().toISOString(),
    };
    try {
      await this.publisher.publish(SCENARIOS_CONTRACT, SCENARIOS_VERSION, [payload], {
        expectedPosition: versions.length,
      });
    } catch (error) {
      const cause = error instanceof DxError ? (error.details.cause as string | undefined) : undefined;
      if (cause === 'STREAM_POSITION_CONFLICT') {
        throw new DxError(
          'CONFLICT',
          `${file.name} was saved by someone else meanwhile; look at it and save again`,
          {
            name: file.name,
            expectedVersion: versions.length + 1,
          },
        );
      }
      throw error;
    }
    await this.refresh();
    return { saved: await this.show(file.name, payload.version), unchanged: false };
  }
}
