/**
 * The registry: its state is a fold of its events; every command is decided against fresh state and
 * recorded with optimistic concurrency, retried when another instance got there first.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../common/db/schema.js';
import { DxError } from '../../common/errors/dx-error.js';
import { RegistryReader, type RegistryEvent, type RegistryState } from '../../common/registry-state/index.js';
import { appendRegistryEvents } from './append-registry-events.js';

const ATTEMPTS = 5;

export type Decision = (state: RegistryState) => RegistryEvent[];

export class Registry extends RegistryReader {
  constructor(
    db: Kysely<DB>,
    private readonly onRecorded: (events: RegistryEvent[]) => void = () => {},
  ) {
    super(db);
  }

  /** Decides against fresh state and records the outcome; returns the events recorded (none: nothing to do). */
  async execute(contractId: string, decide: Decision): Promise<RegistryEvent[]> {
    for (let attempt = 1; ; attempt++) {
      await this.refresh();
      const events = decide(this.state);
      if (events.length === 0) return [];
      const expected = this.state.contracts.get(contractId)?.streamPosition ?? 0;
      try {
        const position = await appendRegistryEvents(this.db, contractId, events, expected);
        await this.catchUp(position);
        this.onRecorded(events);
        return events;
      } catch (error) {
        const raced = error instanceof DxError && error.code === 'STREAM_POSITION_CONFLICT';
        if (!raced || attempt >= ATTEMPTS) throw error;
      }
    }
  }

  /**
   * Our own commit may sit behind another writer's open transaction for a moment; wait (a bounded
   * while) until we see it, so the caller reads its own write.
   */
  private async catchUp(position: number): Promise<void> {
    const deadline = Date.now() + 10_000;
    for (
      let wait = 1;
      this.state.position < position && Date.now() < deadline;
      wait = Math.min(wait * 2, 50)
    ) {
      await new Promise((r) => setTimeout(r, wait));
      await this.refresh();
    }
  }
}
