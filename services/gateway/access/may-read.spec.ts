import { describe, expect, it } from '@jest/globals';
import type { Identity } from '../../common/identity/identity.types.js';
import type { ContractState } from '../../common/registry-state/index.js';
import { mayRead } from './may-read.js';

/** scada.reactor-telemetry as the registry would leave it: owned by scada, consumed by vr (major 2). */
const telemetry = {
  descriptor: { id: 'scada.reactor-telemetry', owner: 'scada' },
  consumers: new Map([['vr', [2]]]),
} as unknown as ContractState;

const subsystem = (id: string): Identity => ({ id, role: 'subsystem' });

describe('who may read a contract', () => {
  it('lets its owner and a registered consumer read it, whatever major they ask for', () => {
    expect(mayRead(subsystem('scada'), telemetry)).toBe(true);
    expect(mayRead(subsystem('vr'), telemetry)).toBe(true);
  });

  it('keeps out a subsystem that neither owns nor consumes it', () => {
    expect(mayRead(subsystem('analytics'), telemetry)).toBe(false);
  });

  it('lets every architect and the hub read it, and no subsystem that merely calls itself architect', () => {
    expect(mayRead({ id: 'petrov', role: 'architect' }, telemetry)).toBe(true);
    expect(mayRead(subsystem('hub'), telemetry)).toBe(true);
    expect(mayRead(subsystem('architect'), telemetry)).toBe(false);
  });
});
