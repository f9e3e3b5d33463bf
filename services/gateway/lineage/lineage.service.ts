/**
 * A derived event's lineage for a reader: the reader must be allowed to read the event's contract (the
 * rules of replay); inputs from contracts it may not read are listed (contract, key, positions) with
 * their events left out and `hidden: true`, so the walk never shows data the reader could not replay.
 */
import { Inject, Injectable } from '@nestjs/common';
import type { Kysely } from 'kysely';
import type { DB } from '../../common/db/schema.js';
import { DxError } from '../../common/errors/dx-error.js';
import { integerParam } from '../../common/http/request-fields.js';
import type { Identity } from '../../common/identity/identity.types.js';
import { walkLineage, type LineageNode } from '../../common/lineage/walk-lineage.js';
import { KYSELY_DB } from '../../common/nest/database/database.tokens.js';
import { ReadAccess } from '../access/read-access.js';
import { LINEAGE_LIMITS } from './lineage-limits.js';

export type ShownLineageNode = Omit<LineageNode, 'inputs'> & {
  inputs: (Omit<LineageNode['inputs'][number], 'events'> & { events: ShownLineageNode[]; hidden?: true })[];
};

@Injectable()
export class LineageService {
  constructor(
    @Inject(KYSELY_DB) private readonly db: Kysely<DB>,
    private readonly access: ReadAccess,
  ) {}

  async walk(reader: Identity, rawPosition: string, query: Record<string, unknown>) {
    const position = integerParam(rawPosition, 'position');
    const perRun = bounded(
      query.events,
      'events',
      LINEAGE_LIMITS.defaultEventsPerRun,
      LINEAGE_LIMITS.maxEventsPerRun,
    );
    const maxDepth = bounded(query.depth, 'depth', LINEAGE_LIMITS.defaultDepth, LINEAGE_LIMITS.maxDepth);
    const tree = await walkLineage(this.db, position, { perRun, maxDepth });
    if (!tree) throw new DxError('NOT_FOUND', `there is no event at position ${position}`, { position });
    await this.access.check(reader, tree.contract);
    return { ok: true, lineage: await this.shown(reader, tree, new Map()) };
  }

  private async shown(
    reader: Identity,
    node: LineageNode,
    readable: Map<string, boolean>,
  ): Promise<ShownLineageNode> {
    const inputs: ShownLineageNode['inputs'] = [];
    for (const input of node.inputs) {
      if (!readable.has(input.contract))
        readable.set(
          input.contract,
          await this.access.check(reader, input.contract).then(
            () => true,
            () => false,
          ),
        );
      if (!readable.get(input.contract)) {
        inputs.push({ ...input, events: [], more: input.count, hidden: true });
        continue;
      }
      const events = [];
      for (const event of input.events) events.push(await this.shown(reader, event, readable));
      inputs.push({ ...input, events });
    }
    return { ...node, inputs };
  }
}

function bounded(value: unknown, name: string, fallback: number, most: number): number {
  if (value === undefined) return fallback;
  const n = integerParam(String(value), name);
  if (n < 1 || n > most)
    throw new DxError('BAD_ARGUMENT', `${name} must be between 1 and ${most}, got ${n}`, {
      field: name,
      rule: 'range',
      expected: `1..${most}`,
    });
  return n;
}
