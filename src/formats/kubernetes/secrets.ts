import type { Diagnostic } from '../../core/diagnostic.js';
import type { SecretFile } from '../../clients/types.js';
import { describeSecretRef, secretName } from '../../secrets/names.js';
import type { SecretValue } from '../../spec/types.js';

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
  /** Secrets used, by graft name, with the workloads that use them. */
  readonly used = new Map<string, { secret: SecretValue; users: Set<string> }>();
  private readonly refused = new Set<string>();

  /** The Secret key behind a reference; other stores are refused once each. */
  keyOf(secret: SecretValue, user: string): SecretKey | undefined {
    const name = secretName(secret);
    const entry = this.used.get(name) ?? { secret, users: new Set<string>() };
    entry.users.add(user);
    this.used.set(name, entry);
    const r = secret.secretRef;
    if ('kubernetes' in r) return { name: r.kubernetes.name, key: r.kubernetes.key };
    if (!this.refused.has(name)) {
      this.refused.add(name);
      this.diagnostics.push({
        code: 'K8S_SECRET_STORE_UNSUPPORTED',
        severity: 'error',
        message: `${secret.path} is a ${describeSecretRef(secret)}; workloads on Kubernetes read secrets from Kubernetes Secrets`,
        help: 'create a Kubernetes Secret (e.g. synced by External Secrets Operator from your store) and reference it as { secretRef: { kubernetes: { name, key } } }',
        subject: secret.span,
      });
    }
    return undefined;
  }

  /** Where a secret appears when mounted as a file. */
  fileOf(secret: SecretValue, user: string): SecretFile {
    this.keyOf(secret, user);
    const name = secretName(secret);
    return { dir: SECRETS_DIR, name, path: `${SECRETS_DIR}/${name}` };
  }
}

/** The helper variable that carries one secret into a composite value through `$(VAR)`. */
export function helperVar(secret: SecretValue): string {
  return `GRAFT_${secretName(secret).toUpperCase()}`;
}
