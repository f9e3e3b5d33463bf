/** What documentation is generated from: a contract and its live versions. */
import type { JsonSchema } from '../../common/schemas/json-schema.types.js';
import type { ContractDescriptor } from '../contracts/contract.types.js';

export interface PublishedVersion {
  version: string;
  major: number;
  status: string;
  sunset?: string;
  schema: JsonSchema;
  /** JSONata between this major and the one before (first version of a major only). */
  transforms?: { up?: string; down?: string };
}

export interface PublishedContract {
  descriptor: ContractDescriptor;
  versions: PublishedVersion[];
  consumers: { consumer: string; majors: number[] }[];
}
