import { problem } from '../common.js';
import type { EmitContext, Problem } from '../types.js';
import { DIRECTORY_PROVIDER, type JavaSecretStyle } from './index.js';

/** Alias under which graft registers Kafka's DirectoryConfigProvider. */
export const SECRETS_PROVIDER = 'secrets';

/** JVM property (kafka-clients ≥ 3.8) that, when set, limits which config providers may load. */
export const AUTOMATIC_PROVIDERS = 'org.apache.kafka.automatic.config.providers';

/** A secret style that writes `${secrets:<dir>:<name>}` and remembers whether it wrote any. */
export interface ProviderStyle extends JavaSecretStyle {
  used(): boolean;
}

/** Reads mounted secret files through DirectoryConfigProvider: `${secrets:/run/secrets:kafka_sasl_password}`. */
export function directoryProviderStyle(ctx: EmitContext): ProviderStyle {
  let used = false;
  return {
    inline: (secret) => {
      used = true;
      const f = ctx.mountSecret(secret);
      return `\${${SECRETS_PROVIDER}:${f.dir}:${f.name}}`;
    },
    path: (secret) => ctx.mountSecret(secret).path,
    used: () => used,
  };
}

/** What a client's configuration already says about config providers. */
export interface ProvidersNow {
  /** Current `config.providers` list, e.g. `env`. */
  list: string | undefined;
  /** Current `config.providers.secrets.class`, if any. */
  secretsClass: string | undefined;
}

/**
 * The `config.providers` settings that add graft's provider beside those already declared
 * (`env` becomes `env,secrets`); a `secrets` alias bound to another class is a problem.
 */
export function providerSettings(ctx: EmitContext, now: ProvidersNow, problems: Problem[]): Record<string, string> {
  const aliases = (now.list ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (now.secretsClass !== undefined && now.secretsClass.trim() !== DIRECTORY_PROVIDER) {
    problems.push(
      problem(
        'CLIENT_CONFIG_PROVIDER_CONFLICT',
        `service "${ctx.service.name}" already binds config provider "${SECRETS_PROVIDER}" to ${now.secretsClass.trim()}`,
        `rename that provider in the vendor configuration; graft reads mounted secrets through "${SECRETS_PROVIDER}" = ${DIRECTORY_PROVIDER}`,
      ),
    );
  }
  if (!aliases.includes(SECRETS_PROVIDER)) aliases.push(SECRETS_PROVIDER);
  return {
    'config.providers': aliases.join(','),
    [`config.providers.${SECRETS_PROVIDER}.class`]: DIRECTORY_PROVIDER,
  };
}

// -Dorg.apache.kafka.automatic.config.providers=org.apache...FileConfigProvider,...
const FLAG = new RegExp(`-D${AUTOMATIC_PROVIDERS.replace(/\./g, '\\.')}=(\\S*)`);

/** Reports a JVM flag anywhere in the service's environment that keeps DirectoryConfigProvider from loading. */
export function checkProvidersAllowed(ctx: EmitContext, problems: Problem[]): void {
  for (const [name, value] of ctx.service.env) {
    const allowed = FLAG.exec(value)?.[1];
    if (allowed === undefined) continue;
    if (
      allowed
        .split(',')
        .map((s) => s.trim())
        .includes(DIRECTORY_PROVIDER)
    )
      continue;
    problems.push(
      problem(
        'CLIENT_CONFIG_PROVIDER_BLOCKED',
        `service "${ctx.service.name}" sets -D${AUTOMATIC_PROVIDERS} in ${name} without ${DIRECTORY_PROVIDER}`,
        `add ${DIRECTORY_PROVIDER} to that list so the client can read the mounted secrets`,
      ),
    );
  }
}
