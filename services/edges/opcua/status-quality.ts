/** OPC UA StatusCode to the contracts' quality flag: its severity bits say Good, Uncertain or Bad. */
import type { StatusCode } from 'node-opcua-client';

export type Quality = 'good' | 'uncertain' | 'bad';

export function qualityOf(status: StatusCode): Quality {
  const severity = status.value >>> 30; // 00 good, 01 uncertain, 10/11 bad
  return severity === 0 ? 'good' : severity === 1 ? 'uncertain' : 'bad';
}

export function worst(qualities: Quality[]): Quality {
  if (qualities.includes('bad')) return 'bad';
  if (qualities.includes('uncertain')) return 'uncertain';
  return 'good';
}
