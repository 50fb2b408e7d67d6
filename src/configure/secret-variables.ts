import { DIRECTORY_PROVIDER } from '../clients/java-common/index.js';
import { secretName } from '../secrets/names.js';
import type { SecretValue } from '../spec/types.js';

// How a customer secret reaches a client as an environment variable of its own: ECS `secrets`, Kubernetes `$(VAR)`
// helpers of a composite value, Micronaut / Spring placeholders. Every platform names the variable the same way.

/** The environment variable a customer secret arrives in: GRAFT_ plus the secret's stable name. */
export function secretVariableName(secret: SecretValue): string {
  return `GRAFT_${secretName(secret).toUpperCase()}`;
}

/** Where a family's secret files would appear on a platform that mounts none (ECS, Lambda): any path under it is a problem. */
export const NO_SECRET_FILES = '/graft/ecs-has-no-secret-files';
/** Kafka's provider that reads environment variables (kafka-clients ≥ 3.5). */
export const ENV_VAR_PROVIDER = 'org.apache.kafka.common.config.provider.EnvVarConfigProvider';

/** The stand-in file of a secret on a platform without secret files: the variable it arrives in instead. */
export function noSecretFile(secret: SecretValue): { dir: string; name: string; path: string } {
  const name = secretVariableName(secret);
  return { dir: NO_SECRET_FILES, name, path: `${NO_SECRET_FILES}/${name}` };
}

/** Whether a family's settings read secrets through a Kafka config provider pointed at the (absent) secret files. */
export function usesProviderFiles(values: readonly string[]): boolean {
  return values.some((v) => v.includes(`:${NO_SECRET_FILES}:`));
}

/**
 * One setting of a family as a platform without secret files can have it, secrets arriving as their own variables:
 * Spring's config tree import goes (Spring resolves `${GRAFT_…}` from the environment), DirectoryConfigProvider
 * placeholders become EnvVarConfigProvider ones under the same alias. `file` says a secret file is still needed;
 * undefined `text`: drop the setting.
 */
export function settingWithoutFiles(family: string, key: string, value: string, envProvider: boolean): { text?: string; file: boolean } {
  let text = value;
  if (family === 'spring-boot' && key === 'SPRING_CONFIG_IMPORT') {
    const kept = value.split(',').filter((x) => !x.includes(NO_SECRET_FILES));
    if (kept.length === 0) return { file: false };
    text = kept.join(',');
  }
  text = text.replace(new RegExp(`\\$\\{([A-Za-z0-9_.-]+):${NO_SECRET_FILES}:([A-Za-z0-9_]+)\\}`, 'g'), '${$1:$2}');
  if (envProvider && text === DIRECTORY_PROVIDER) text = ENV_VAR_PROVIDER;
  return { text, file: text.includes(NO_SECRET_FILES) };
}

/** The GRAFT_ variables a setting reads, as `${GRAFT_X}` or `${alias:GRAFT_X}` placeholders. */
export function secretVariablesIn(text: string): string[] {
  return [...text.matchAll(/\$\{(?:[A-Za-z0-9_.-]+:)?(GRAFT_[A-Z0-9_]+)\}/g)].map((m) => m[1] ?? '');
}
