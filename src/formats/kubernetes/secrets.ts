import type { Diagnostic } from '../../core/diagnostic.js';
import { unhandled } from '../../core/errors.js';
import type { SecretFile } from '../../clients/types.js';
import { storeOf } from '../../secrets/index.js';
import { describeSecretRef, secretName } from '../../secrets/names.js';
import type { SecretValue } from '../../spec/types.js';
import { secretVariableName } from '../../configure/secret-variables.js';
import { renderBlock } from '../yaml/text.js';
import { workloadLabel, type PlanId } from '../../plan/types.js';

/** Where graft mounts customer secret files in a container. */
export const SECRETS_DIR = '/etc/graft/secrets';

/** A Kubernetes Secret key a value comes from. */
export interface SecretKey {
  name: string;
  key: string;
}

/** Customer secrets as Kubernetes sees them: Secret keys for env, a projected volume for files. */
export class K8sSecrets {
  readonly diagnostics: Diagnostic[] = [];
  /** Secrets used, by graft name, with the workloads that use them (by the name the plan gives each). */
  readonly used = new Map<string, { secret: SecretValue; users: Map<string, PlanId> }>();
  private readonly refused = new Set<string>();
  /** Secrets External Secrets syncs into the Secret workloads read, by graft name: their keys in the store. */
  private readonly synced = new Map<string, { key: string; property?: string }>();

  constructor(private readonly store?: string) {}

  /** The Secret key behind a reference; other stores are refused once each. */
  keyOf(secret: SecretValue, user: PlanId): SecretKey | undefined {
    const name = secretName(secret);
    const entry = this.used.get(name) ?? { secret, users: new Map<string, PlanId>() };
    entry.users.set(workloadLabel(user), user);
    this.used.set(name, entry);
    const source = storeOf(secret.secretRef).kubernetes(secret.secretRef);
    switch (source?.kind) {
      case 'secret':
        return { name: source.name, key: source.key };
      case 'sync':
        if (!this.store) break;
        this.synced.set(name, source.remoteRef);
        return { name: EXTERNAL_TARGET, key: name };
      case undefined:
        break;
      default:
        return unhandled(source, 'Kubernetes secret source');
    }
    if (!this.refused.has(name)) {
      this.refused.add(name);
      this.diagnostics.push({
        code: 'K8S_SECRET_STORE_UNSUPPORTED',
        severity: 'error',
        message: `${secret.path} lives in ${describeSecretRef(secret)}; workloads on Kubernetes read secrets from Kubernetes Secrets`,
        help: 'awsSecretsManager and awsSsm references can be synced with --external-secrets <store> (External Secrets Operator); otherwise create a Kubernetes Secret and reference it as { secretRef: { kubernetes: { name, key } } }',
        subject: secret.span,
      });
    }
    return undefined;
  }

  /** The ExternalSecret manifest for the secrets synced from cloud stores, if any. */
  externalSecret(): string | undefined {
    if (!this.store || this.synced.size === 0) return undefined;
    const [kind, name] = this.store.includes('/') ? this.store.split('/', 2) : ['ClusterSecretStore', this.store];
    const data = [...this.synced].sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, remoteRef]) => ({ secretKey: key, remoteRef }));
    const doc = {
      apiVersion: 'external-secrets.io/v1',
      kind: 'ExternalSecret',
      metadata: { name: EXTERNAL_TARGET, labels: { 'app.kubernetes.io/managed-by': 'graft' } },
      spec: {
        refreshInterval: EXTERNAL_REFRESH_INTERVAL,
        secretStoreRef: { kind: kind ?? 'ClusterSecretStore', name: name ?? '' },
        target: { name: EXTERNAL_TARGET, creationPolicy: 'Owner' },
        data,
      },
    };
    return `# Written by graft: syncs the customer's Kafka secrets from their store into Secret ${EXTERNAL_TARGET}.\n${renderBlock(doc)}\n`;
  }

  /** The Kubernetes Secret a workload reads a customer secret from: the customer's own, or the one External Secrets writes. */
  secretNameOf(secret: SecretValue): string | undefined {
    return kubernetesSecretOf(secret, this.store !== undefined);
  }

  /** Where a secret appears when mounted as a file. */
  fileOf(secret: SecretValue, user: PlanId): SecretFile {
    this.keyOf(secret, user);
    const name = secretName(secret);
    return { dir: SECRETS_DIR, name, path: `${SECRETS_DIR}/${name}` };
  }
}

/** The file graft adds with the ExternalSecret that syncs customer secrets. */
export const EXTERNAL_SECRETS_FILE = 'graft-external-secrets.yaml';
/** How often External Secrets copies the customer's store into the Secret (the ExternalSecret's `refreshInterval`). */
export const EXTERNAL_REFRESH_INTERVAL = '1h';
/** The Secret that ExternalSecret writes and workloads read. */
export const EXTERNAL_TARGET = 'graft-customer-kafka';

/**
 * The Kubernetes Secret that holds a customer secret for the workloads: the customer's own Secret, or (when External
 * Secrets syncs the store) the one its ExternalSecret writes; undefined when Kubernetes cannot read the store.
 */
export function kubernetesSecretOf(secret: SecretValue, synced: boolean): string | undefined {
  const source = storeOf(secret.secretRef).kubernetes(secret.secretRef);
  switch (source?.kind) {
    case 'secret':
      return source.name;
    case 'sync':
      return synced ? EXTERNAL_TARGET : undefined;
    case undefined:
      return undefined;
    default:
      return unhandled(source, 'Kubernetes secret source');
  }
}

/** The helper variable that carries one secret into a composite value through `$(VAR)`. */
export function helperVar(secret: SecretValue): string {
  return secretVariableName(secret);
}
