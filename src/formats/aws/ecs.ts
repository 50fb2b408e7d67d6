import { DIRECTORY_PROVIDER } from '../../clients/java-common/index.js';
import { secretName } from '../../secrets/names.js';
import type { SecretValue } from '../../spec/types.js';

/** Where a family's secret files would appear; ECS cannot mount secret files, so any path under it is a problem. */
export const ECS_NO_FILES = '/graft/ecs-has-no-secret-files';
/** Kafka's provider that reads environment variables (kafka-clients ≥ 3.5). */
export const ENV_VAR_PROVIDER = 'org.apache.kafka.common.config.provider.EnvVarConfigProvider';

/** The environment variable ECS injects a customer secret as: GRAFT_ plus its stable name. */
export function ecsSecretEnvName(secret: SecretValue): string {
  return `GRAFT_${secretName(secret).toUpperCase()}`;
}

/** Whether a family's settings read secrets through a Kafka config provider pointed at the (absent) secret files. */
export function usesProviderFiles(values: readonly string[]): boolean {
  return values.some((v) => v.includes(`:${ECS_NO_FILES}:`));
}

/**
 * One setting of a family as an ECS container can have it, secrets arriving as their own variables: Spring's config
 * tree import goes (Spring resolves `${GRAFT_…}` from the environment), DirectoryConfigProvider placeholders become
 * EnvVarConfigProvider ones under the same alias. `file` says a secret file is still needed (ECS cannot provide it);
 * undefined `text`: drop the setting.
 */
export function ecsSetting(family: string, key: string, value: string, envProvider: boolean): { text?: string; file: boolean } {
  let text = value;
  if (family === 'spring-boot' && key === 'SPRING_CONFIG_IMPORT') {
    const kept = value.split(',').filter((x) => !x.includes(ECS_NO_FILES));
    if (kept.length === 0) return { file: false };
    text = kept.join(',');
  }
  text = text.replace(new RegExp(`\\$\\{([A-Za-z0-9_.-]+):${ECS_NO_FILES}:([A-Za-z0-9_]+)\\}`, 'g'), '${$1:$2}');
  if (envProvider && text === DIRECTORY_PROVIDER) text = ENV_VAR_PROVIDER;
  return { text, file: text.includes(ECS_NO_FILES) };
}

/** The GRAFT_ variables a setting reads, as `${GRAFT_X}` or `${alias:GRAFT_X}` placeholders. */
export function secretEnvNamesIn(text: string): string[] {
  return [...text.matchAll(/\$\{(?:[A-Za-z0-9_.-]+:)?(GRAFT_[A-Z0-9_]+)\}/g)].map((m) => m[1] ?? '');
}
