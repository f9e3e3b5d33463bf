/**
 * The registry's own events, stored in the event store under the contract `hub.registry-events`
 * (one stream per contract id). They are the registry's only state: everything else is a fold.
 */
import type { JsonSchema } from '../schemas/json-schema.types.js';
import type { ContractDescriptor } from './contract-descriptor.js';

export const REGISTRY_CONTRACT = 'hub.registry-events';
export const REGISTRY_CONTRACT_VERSION = '1.0.0';
export const REGISTRY_PRODUCER = 'hub';

export type RegistryEvent =
  | Base<'contract-created', { descriptor: ContractDescriptor }>
  | Base<
      'version-proposed',
      {
        schema: JsonSchema;
        /**
         * The schema as JSON text in the order it was proposed: the store keeps payloads as jsonb,
         * which does not keep key order, and documentation lists fields in schema order. Events
         * recorded before it existed have only `schema`.
         */
        schemaText?: string;
        digest: string;
        transforms?: { up?: string; down?: string };
      },
      true
    >
  | Base<'version-approved', Record<string, never>, true>
  | Base<'version-rejected', Record<string, never>, true>
  | Base<'version-activated', Record<string, never>, true>
  | Base<'version-deprecated', { sunset: string }, true>
  | Base<'version-retired', Record<string, never>, true>
  | Base<'consumer-registered', { consumer: string; majors: number[]; units?: Record<string, string> }>
  | Base<'consumer-unregistered', { consumer: string }>
  | Base<'owner-change-proposed', { newOwner: string }>
  | Base<'owner-changed', { previousOwner: string; newOwner: string }>;

type Base<T extends string, D, V extends boolean = false> = {
  type: T;
  contract: string;
  actor: string;
  comment?: string;
  details: D;
} & (V extends true ? { version: string } : { version?: undefined });

export type RegistryEventType = RegistryEvent['type'];

/** An event as read back: with when it was recorded and where it is in the log. */
export type RecordedRegistryEvent = RegistryEvent & { at: string; position: number; streamPosition: number };
