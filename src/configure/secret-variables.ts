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
export function noSecretFile(secret: SecretValue): { dir: string; name: string; path: string; standIn: true } {
  const name = secretVariableName(secret);
  return { dir: NO_SECRET_FILES, name, path: `${NO_SECRET_FILES}/${name}`, standIn: true };
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

/**
 * A Java client's PEM truststore *file* setting on a platform without secret files, as the PEM *content* setting
 * kafka-clients and Spring Boot also read (`ssl.truststore.certificates`, `spring.kafka.ssl.trust-store-certificates`):
 * `…_TRUSTSTORE_LOCATION` / `…_TRUST_STORE_LOCATION` naming a stand-in secret file becomes `…_CERTIFICATES` with the
 * variable the secret arrives in, as a Spring placeholder or through the EnvVarConfigProvider alias the family's other
 * settings use. Undefined when the setting is not one, or no provider alias exists to read the variable.
 */
export function pemContentSetting(
  family: string,
  key: string,
  text: string,
  providerAlias: string | undefined,
): { key: string; text: string } | undefined {
  if (!/_TRUST_?STORE_LOCATION$/.test(key)) return undefined;
  const m = new RegExp(`^(?:file:)?${NO_SECRET_FILES.replace(/[/.-]/g, '\\$&')}/(GRAFT_[A-Z0-9_]+)$`).exec(text);
  const name = m?.[1];
  if (!name) return undefined;
  const certificates = key.replace(/LOCATION$/, 'CERTIFICATES');
  if (family === 'spring-boot') return { key: certificates, text: `\${${name}}` };
  return providerAlias ? { key: certificates, text: `\${${providerAlias}:${name}}` } : undefined;
}

/** The alias under which a family's settings read the (absent) secret files through a config provider, if any. */
export function providerAliasOf(values: readonly string[]): string | undefined {
  for (const v of values) {
    const m = new RegExp(`\\$\\{([A-Za-z0-9_.-]+):${NO_SECRET_FILES.replace(/[/.-]/g, '\\$&')}:`).exec(v);
    if (m?.[1]) return m[1];
  }
  return undefined;
}
