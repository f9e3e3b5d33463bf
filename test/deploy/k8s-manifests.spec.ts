/**
 * deploy/k8s against the code it runs: the variables each container sets are ones its service reads,
 * probes and Services reach the port the service listens on, selectors find their pods, the
 * kustomizations list every file, and no manifest carries a secret. No cluster and no kubectl needed.
 */
import { describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../services/common/config/repo-root.js';
import {
  K8S_DIR,
  manifests,
  matches,
  readYaml,
  resolvePort,
  selectorLabels,
  yamlFiles,
  type Container,
  type Manifest,
  type PodSpec,
} from './k8s-manifests.js';
import { natsDrainTimeoutMs, portSetting, programOf, variablesReadBy } from './service-settings.js';

const all = manifests();
const workloads = all.filter((m) => m.kind === 'Deployment' || m.kind === 'Job');
const deployments = all.filter((m) => m.kind === 'Deployment');
/** The Secrets the manifests expect, with placeholder values, from examples/. */
const exampleSecrets = all.filter((m) => m.kind === 'Secret' && m.file.startsWith('examples/'));

function podSpec(workload: Manifest): PodSpec {
  const spec = workload.spec?.template?.spec;
  if (!spec)
    throw new Error(`${workload.file}: ${workload.kind} ${workload.metadata.name} has no pod template`);
  return spec;
}

function containers(): { workload: Manifest; container: Container; program: string }[] {
  return workloads.flatMap((workload) =>
    podSpec(workload).containers.map((container) => {
      const program = programOf([...(container.command ?? []), ...(container.args ?? [])]);
      if (!program) throw new Error(`${workload.file}: cannot tell what container ${container.name} runs`);
      return { workload, container, program };
    }),
  );
}

function envValue(container: Container, name: string): unknown {
  return container.env?.find((variable) => variable.name === name)?.value;
}

function exampleValue(secret: string, key: string): string | undefined {
  return exampleSecrets.find((s) => s.metadata.name === secret)?.stringData?.[key];
}

describe('the Kubernetes manifests', () => {
  it('parse, and run the gateway, the registry and the simulation with two replicas each', () => {
    expect(yamlFiles().length).toBeGreaterThan(0);
    const replicas = Object.fromEntries(
      deployments.map((d) => [programOf(podSpec(d).containers[0]!.args ?? []), d.spec?.replicas]),
    );
    expect(replicas).toEqual({ gateway: 2, registry: 2, simulation: 2 });
  });

  it('set only environment variables the service in the container reads, as strings', () => {
    const readByAll = variablesReadBy('gateway');
    // A check that reads nothing from the sources would let everything through.
    expect([...readByAll]).toEqual(expect.arrayContaining(['DATABASE_URL', 'NATS_URL', 'DX_IDENTITIES']));
    expect([...variablesReadBy('simulation')]).toEqual(
      expect.arrayContaining(['SIM_PORT', 'DX_SIM_WORKERS']),
    );
    for (const { workload, container, program } of containers()) {
      const known = variablesReadBy(program);
      for (const variable of container.env ?? []) {
        expect({ file: workload.file, variable: variable.name, read: known.has(variable.name) }).toEqual({
          file: workload.file,
          variable: variable.name,
          read: true,
        });
        if (variable.value !== undefined) expect(typeof variable.value).toBe('string');
      }
    }
  });

  it('take the database and NATS URLs from the Secret: the gateway and registry as hub, the simulation as simulation', () => {
    const natsUser: Record<string, string> = { gateway: 'hub', registry: 'hub', simulation: 'simulation' };
    for (const { container, program } of containers()) {
      for (const name of ['DATABASE_URL', 'NATS_URL']) {
        if (program === 'cli' && name === 'NATS_URL') continue;
        const variable = container.env?.find((v) => v.name === name);
        expect(variable?.value).toBeUndefined();
        const ref = variable?.valueFrom?.secretKeyRef;
        expect(ref && exampleValue(ref.name, ref.key)).toEqual(expect.any(String));
        if (name === 'NATS_URL')
          expect(new URL(exampleValue(ref!.name, ref!.key)!).username).toBe(natsUser[program]);
      }
    }
  });

  it('point DX_IDENTITIES at a file of a mounted Secret', () => {
    for (const { workload, container, program } of containers()) {
      if (program === 'cli') continue;
      const file = envValue(container, 'DX_IDENTITIES');
      expect(typeof file).toBe('string');
      const mount = container.volumeMounts?.find((m) => (file as string).startsWith(`${m.mountPath}/`));
      const volume = podSpec(workload).volumes?.find((v) => v.name === mount?.name);
      expect(volume?.secret?.secretName).toEqual(expect.any(String));
      expect(exampleValue(volume!.secret!.secretName, path.basename(file as string))).toEqual(
        expect.any(String),
      );
    }
  });

  it('let the gateway anchor the event store periodically', () => {
    const gateway = containers().find((c) => c.program === 'gateway')!;
    expect(Number(envValue(gateway.container, 'DX_ANCHOR_INTERVAL_S'))).toBeGreaterThan(0);
  });

  it('listen, expose and probe GET /health (ready) and /health/live (alive) on the port the service reads from its port variable', () => {
    for (const { workload, container, program } of containers()) {
      if (program === 'cli') continue;
      const { variable, fallback } = portSetting(program);
      const port = Number(envValue(container, variable) ?? fallback);
      expect({ file: workload.file, ports: container.ports?.map((p) => p.containerPort) }).toEqual({
        file: workload.file,
        ports: [port],
      });
      expect(container.readinessProbe).toBeDefined();
      expect(container.livenessProbe).toBeDefined();
      // Ready when the servers answer; alive whenever the process answers (a restart brings no database back).
      for (const [probe, path] of [
        [container.startupProbe, '/health'],
        [container.readinessProbe, '/health'],
        [container.livenessProbe, '/health/live'],
      ] as const) {
        if (!probe) continue;
        expect(probe.httpGet?.path).toBe(path);
        expect(resolvePort(container, probe.httpGet?.port)).toBe(port);
      }
    }
  });

  it('have Services and budgets whose selectors find exactly one Deployment, at its container port', () => {
    for (const deployment of deployments) {
      expect(matches(selectorLabels(deployment), deployment.spec?.template?.metadata?.labels)).toBe(true);
    }
    for (const selecting of all.filter((m) => m.kind === 'Service' || m.kind === 'PodDisruptionBudget')) {
      const found = deployments.filter((d) =>
        matches(selectorLabels(selecting), d.spec?.template?.metadata?.labels),
      );
      expect({ file: selecting.file, deployments: found.length }).toEqual({
        file: selecting.file,
        deployments: 1,
      });
      if (selecting.kind !== 'Service') continue;
      const container = podSpec(found[0]!).containers[0]!;
      for (const port of selecting.spec?.ports ?? []) {
        expect(resolvePort(container, port.targetPort ?? port.port)).toBe(port.port);
      }
    }
    const budget = all.find((m) => m.kind === 'PodDisruptionBudget')!;
    const gateway = deployments.find((d) => d.metadata.name === 'dx-gateway')!;
    expect(matches(selectorLabels(budget), gateway.spec?.template?.metadata?.labels)).toBe(true);
    const autoscaler = all.find((m) => m.kind === 'HorizontalPodAutoscaler');
    if (autoscaler)
      expect(autoscaler.spec?.scaleTargetRef).toMatchObject({ kind: 'Deployment', name: 'dx-gateway' });
  });

  it('run every pod as a non-root user on a read-only root, with resources and time to shut down', () => {
    const drainSeconds = natsDrainTimeoutMs() / 1000;
    for (const workload of workloads) {
      const spec = podSpec(workload);
      expect(spec.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: expect.any(Number) });
      expect(spec.securityContext!.runAsUser).toBeGreaterThan(0);
      for (const container of spec.containers) {
        expect(container.securityContext).toMatchObject({
          readOnlyRootFilesystem: true,
          allowPrivilegeEscalation: false,
          capabilities: { drop: ['ALL'] },
        });
        for (const bound of [container.resources?.requests, container.resources?.limits]) {
          expect(bound).toMatchObject({ cpu: expect.anything(), memory: expect.anything() });
        }
        if (workload.kind !== 'Deployment') continue;
        const [command, seconds] = container.lifecycle?.preStop?.exec?.command ?? [];
        const pause = command === 'sleep' ? Number(seconds) : 0;
        expect(spec.terminationGracePeriodSeconds ?? 30).toBeGreaterThan(pause + drainSeconds);
      }
    }
  });

  it('use one image everywhere, mapped to the same name and tag by every kustomization', () => {
    for (const { container } of containers()) expect(container.image).toBe('dx-hub');
    const mappings = kustomizations()
      .map(({ kustomization }) => (kustomization.images ?? []).find((image) => image.name === 'dx-hub'))
      .filter((image) => image !== undefined);
    expect(mappings.length).toBeGreaterThanOrEqual(2);
    for (const mapping of mappings) expect(mapping).toEqual(mappings[0]);
  });

  it('list every manifest of their folder in its kustomization, and nothing that is not there', () => {
    for (const { dir, kustomization } of kustomizations()) {
      const listed = [
        ...(kustomization.resources ?? []),
        ...(kustomization.patches ?? []).map((p) => p.path),
      ];
      const present = readdirSync(path.join(K8S_DIR, dir)).filter(
        (file) => file.endsWith('.yaml') && file !== 'kustomization.yaml',
      );
      expect({ dir, files: [...listed].sort() }).toEqual({ dir, files: [...present].sort() });
    }
  });

  it('carry no secret: Secrets are examples with placeholders only, and no value anywhere looks like one', () => {
    expect(exampleSecrets.length).toBeGreaterThan(0);
    for (const secret of all.filter((m) => m.kind === 'Secret')) {
      expect({ file: secret.file, data: secret.data }).toEqual({ file: secret.file, data: undefined });
      for (const [key, value] of Object.entries(secret.stringData ?? {})) {
        expect({ file: secret.file, key, placeholder: value.includes('REPLACE_ME') }).toEqual({
          file: secret.file,
          key,
          placeholder: true,
        });
      }
    }
    for (const file of yamlFiles()) {
      for (const value of strings(readYaml(file))) {
        expect({ file, value, secretLike: looksSecret(value) }).toEqual({ file, value, secretLike: false });
      }
    }
  });

  it('run the migration Job as `dx db migrate` through bin/dx.js, which the image holds', () => {
    const job = workloads.find((w) => w.kind === 'Job')!;
    expect(podSpec(job).containers[0]!.args).toEqual(['node', 'bin/dx.js', 'db', 'migrate']);
    expect(existsSync(path.join(repoRoot(), 'bin', 'dx.js'))).toBe(true);
  });
});

interface Kustomization {
  resources?: string[];
  patches?: { path: string }[];
  images?: { name: string; newName?: string; newTag?: string }[];
}

function kustomizations(): { dir: string; kustomization: Kustomization }[] {
  return yamlFiles()
    .filter((file) => path.basename(file) === 'kustomization.yaml')
    .map((file) => ({ dir: path.dirname(file), kustomization: readYaml(file)[0] as Kustomization }));
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

/** A bcrypt hash, a SHA-256 in hex, a development token, or a URL with a password that is no placeholder. */
function looksSecret(value: string): boolean {
  if (
    /\$2[abxy]\$\d{2}\$/.test(value) ||
    /\b[0-9a-f]{64}\b/i.test(value) ||
    /\bdev-[\w-]+-token\b/.test(value)
  )
    return true;
  return [...value.matchAll(/\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:([^\s@/]+)@/gi)].some(
    (match) => !match[1]!.startsWith('REPLACE_ME'),
  );
}
