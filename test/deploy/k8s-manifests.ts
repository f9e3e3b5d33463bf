/**
 * The Kubernetes manifests under deploy/k8s, read the way the API server would take them (YAML 1.1,
 * where an unquoted 0440 is octal and yes is a boolean), typed as far as the tests look into them.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { repoRoot } from '../../services/common/config/repo-root.js';

export const K8S_DIR = path.join(repoRoot(), 'deploy', 'k8s');

export interface EnvVar {
  name: string;
  value?: unknown;
  valueFrom?: { secretKeyRef?: { name: string; key: string } };
}

export interface Probe {
  httpGet?: { path?: string; port?: string | number };
}

export interface Container {
  name: string;
  image?: string;
  args?: string[];
  command?: string[];
  ports?: { name?: string; containerPort: number }[];
  env?: EnvVar[];
  volumeMounts?: { name: string; mountPath: string }[];
  startupProbe?: Probe;
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  lifecycle?: { preStop?: { exec?: { command?: string[] } } };
  resources?: { requests?: Record<string, unknown>; limits?: Record<string, unknown> };
  securityContext?: {
    readOnlyRootFilesystem?: boolean;
    allowPrivilegeEscalation?: boolean;
    capabilities?: { drop?: string[] };
  };
}

export interface PodSpec {
  containers: Container[];
  volumes?: { name: string; secret?: { secretName: string }; emptyDir?: object }[];
  securityContext?: { runAsNonRoot?: boolean; runAsUser?: number };
  terminationGracePeriodSeconds?: number;
}

export interface Manifest {
  /** The file, relative to deploy/k8s. */
  file: string;
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  spec?: {
    replicas?: number;
    selector?: Record<string, string> | { matchLabels?: Record<string, string> };
    template?: { metadata?: { labels?: Record<string, string> }; spec: PodSpec };
    ports?: { name?: string; port: number; targetPort?: string | number }[];
    scaleTargetRef?: { kind: string; name: string };
  };
  stringData?: Record<string, string>;
  data?: Record<string, string>;
}

/** Every .yaml file below deploy/k8s, relative to it. */
export function yamlFiles(dir = K8S_DIR): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return yamlFiles(full);
    return entry.endsWith('.yaml') ? [path.relative(K8S_DIR, full)] : [];
  });
}

/** Every document of a file; throws on a YAML error, naming the file. */
export function readYaml(file: string): unknown[] {
  const documents = parseAllDocuments(readFileSync(path.join(K8S_DIR, file), 'utf8'), { version: '1.1' });
  const list = Array.isArray(documents) ? documents : [];
  for (const document of list) {
    if (document.errors.length > 0) throw new Error(`${file}: ${document.errors[0]!.message}`);
  }
  return list.map((document) => document.toJS() as unknown).filter((value) => value !== null);
}

/** The Kubernetes objects of every file except the kustomizations. */
export function manifests(): Manifest[] {
  return yamlFiles()
    .filter((file) => path.basename(file) !== 'kustomization.yaml')
    .flatMap((file) =>
      readYaml(file)
        .filter((doc): doc is Omit<Manifest, 'file'> => typeof doc === 'object' && !Array.isArray(doc))
        .map((doc) => ({ ...doc, file })),
    );
}

/** The labels a selector asks for, in either of its two shapes. */
export function selectorLabels(manifest: Manifest): Record<string, string> {
  const selector = manifest.spec?.selector ?? {};
  return 'matchLabels' in selector && typeof selector.matchLabels === 'object'
    ? selector.matchLabels
    : (selector as Record<string, string>);
}

export function matches(selector: Record<string, string>, labels: Record<string, string> = {}): boolean {
  return Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => labels[k] === v);
}

/** The container port a probe or a Service's targetPort names, by name or by number. */
export function resolvePort(container: Container, port: string | number | undefined): number | undefined {
  if (typeof port === 'number') return container.ports?.find((p) => p.containerPort === port)?.containerPort;
  return container.ports?.find((p) => p.name === port)?.containerPort;
}
