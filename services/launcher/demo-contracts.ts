/**
 * The demo's contracts made live through the registry's HTTP API, as people would with `dx`, using the
 * development identities (deploy/identities.dev.json, tokens dev-<id>-token): each owner pushes its
 * contracts, the architect approves what is proposed, and the demo's subsystems register what they
 * read. Every step is idempotent, so a second start finds everything in place and changes nothing.
 */
import path from 'node:path';
import { repoRoot } from '../common/config/repo-root.js';
import { loadContracts } from '../registry/index.js';

const token = (id: string) => `dev-${id}-token`;

/** Who reads what in the demo: consumer → contract → majors. */
export const DEMO_CONSUMERS: [consumer: string, contract: string, majors: number[]][] = [
  ['simulation', 'scada.reactor-telemetry', [1, 2]],
  ['simulation', 'scada.pump-telemetry', [1]],
  ['simulation', 'scada.exchanger-telemetry', [1]],
  ['scada', 'scada.setpoints', [1]],
  ['twin', 'sim.reactor-forecasts', [1]],
  ['twin', 'vr.operator-actions', [1]],
  ['vr', 'scada.alarms', [1]],
  ['vr', 'sim.reactor-forecasts', [1]],
  ['vr', 'scada.reactor-telemetry', [1]],
  // The pump health loops read the pumps' telemetry as the analytics subsystem.
  ['analytics', 'scada.pump-telemetry', [1]],
];

interface ContractView {
  descriptor: { id: string };
  versions: { version: string; status: string }[];
}

export async function makeDemoContractsLive(
  registryUrl: string,
): Promise<{ approved: number; pushed: number }> {
  const loaded = await loadContracts(path.join(repoRoot(), 'contracts'));
  if (loaded.problems.length > 0)
    throw new Error(`contracts/ has problems (npx dx contracts check): ${loaded.problems[0]!.message}`);
  const owners = [...new Set(loaded.contracts.map((c) => c.descriptor.owner))];
  let pushed = 0;
  for (const owner of owners) {
    const mine = loaded.contracts.filter((c) => c.descriptor.owner === owner);
    const reply = await call<{ steps?: { outcome: string }[] }>(
      registryUrl,
      'POST',
      '/api/v1/contracts',
      owner,
      {
        contracts: mine,
      },
    );
    pushed += (reply.steps ?? []).filter((s) => s.outcome !== 'unchanged').length;
  }
  const contracts = await call<ContractView[]>(registryUrl, 'GET', '/api/v1/contracts');
  let approved = 0;
  for (const contract of contracts)
    for (const version of contract.versions)
      if (version.status === 'proposed') {
        await call(
          registryUrl,
          'POST',
          `/api/v1/contracts/${contract.descriptor.id}/versions/${version.version}/approve`,
          'architect',
          { comment: 'the demo plant (npm start)' },
        );
        approved++;
      }
  for (const [consumer, contract, majors] of DEMO_CONSUMERS)
    await call(registryUrl, 'PUT', `/api/v1/contracts/${contract}/consumers/${consumer}`, 'architect', {
      majors,
    });
  return { approved, pushed };
}

async function call<T>(base: string, method: string, route: string, as?: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  if (as) headers.authorization = `Bearer ${token(as)}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${base}${route}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const payload = (await response.json().catch(() => null)) as {
    ok?: boolean;
    error?: { code: string; message: string };
  } | null;
  if (!response.ok || payload?.ok === false)
    throw new Error(
      `the registry refused ${method} ${route}: ${payload?.error ? `${payload.error.code} ${payload.error.message}` : `HTTP ${response.status}`}`,
    );
  return payload as T;
}
