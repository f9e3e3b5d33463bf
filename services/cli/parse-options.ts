/** Parsers for option values; a bad value becomes commander's one-line usage error (exit 2). */
import { InvalidArgumentError } from 'commander';
import { isSubjectSafeId } from '../common/identity/subject-safe-id.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

export function parseIsoDate(value: string): Date {
  const date = new Date(value);
  if (!ISO_DATE.test(value) || Number.isNaN(date.getTime())) {
    throw new InvalidArgumentError('expected an ISO 8601 time, e.g. 2026-11-22T08:00:00Z');
  }
  return date;
}

export function parseNonNegativeInteger(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n)) {
    throw new InvalidArgumentError('expected an integer >= 0');
  }
  return n;
}

const CONTRACT_ID = /^[a-z0-9-]+\.[a-z0-9-]+$/;

export function parseContractId(value: string): string {
  if (!CONTRACT_ID.test(value)) {
    throw new InvalidArgumentError(
      'expected <domain>.<name> in lowercase letters, digits and -, e.g. scada.reactor-telemetry',
    );
  }
  return value;
}

export function parseIdentity(value: string): string {
  if (!isSubjectSafeId(value)) {
    throw new InvalidArgumentError(
      'expected an identity: letters, digits, _ and - in tokens separated by single dots, e.g. scada',
    );
  }
  return value;
}

export function parseTimelineOption(value: string): 'event' | 'recorded' {
  if (value !== 'event' && value !== 'recorded') {
    throw new InvalidArgumentError(
      'expected event (what was true then) or recorded (what the hub knew then)',
    );
  }
  return value;
}
