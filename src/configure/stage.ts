import type { ClientBinding } from '../bindings/types.js';
import { families, findFamily } from '../clients/index.js';
import type { ClientFamily, Emission, Problem, SecretFile, ServiceFacts, SettingValue } from '../clients/types.js';
import type { Diagnostic } from '../core/diagnostic.js';
import type { Span } from '../core/span.js';
import { planLabel, type PlanId, type RemovedItem, type RewiredItem } from '../plan/types.js';
import type { CustomerKafka, SecretValue } from '../spec/types.js';
import { specForClientOn } from '../spec/aws-identity.js';
import type { ConfigureCode } from './codes.js';
import { SECRETS_PROVIDER } from '../clients/java-common/config-providers.js';
import {
  ENV_VAR_PROVIDER,
  NO_SECRET_FILES,
  noSecretFile,
  pemContentSetting,
  providerAliasOf,
  secretVariablesIn,
  settingWithoutFiles,
  usesProviderFiles,
} from './secret-variables.js';
import { staleReason, staleSecuritySettings } from './security-surface.js';

// Configuring one client is the same decision on every platform: which family it is, whether that family can meet the
// customer's cluster, what it must be given, and which of its origin settings go. The stage decides; a platform's sink
// reads and writes the client's settings in its own syntax and says what the platform can deliver.

/** What a platform can deliver to a client. */
export interface SinkCapabilities {
  /** Customer secrets mounted as files. */
  secretFiles: boolean;
  /** Customer secrets as environment variables of their own. */
  secretEnv: boolean;
  /** Values that combine literal text with secrets. */
  composites: boolean;
  /** Additional files the family generates. */
  files: boolean;
  /** Settings written into a properties file the client reads. */
  properties: boolean;
  /**
   * A step graft adds before the container starts can append secret values to that file (a Kubernetes init container
   * writing it into an in-memory volume, a one-shot Compose service writing it into a volume), for clients that read a
   * secret only inside it.
   */
  assembleAtStart?: boolean;
}

/**
 * The settings to write into a bound properties file. `files`: settings that name a secret's file on a platform that
 * mounts none, which the step that writes the file at start also writes beside it (ECS).
 */
export type PropertiesEdit = NonNullable<Emission['properties']> & { files?: Record<string, SecretValue> };

/** What editing a bound properties file did: the summary for the plan, the origin settings removed, or why not. */
export interface PropertiesOutcome {
  changed?: string;
  /** What the plan must say about how the file is written (a requirement on the image). */
  notes?: string[];
  removed: { key: string; at: Span }[];
  problem?: Problem;
}

/** One client's settings on one platform. The sink never decides policy: it reads, writes, and says what it can. */
export interface ClientSink {
  /** How messages name the platform: `Compose`, `Kubernetes`, `ECS`, `Lambda`. */
  readonly platform: string;
  readonly can: SinkCapabilities;
  /** The names of the client's current settings (environment, secret variables). */
  settings(): readonly string[];
  /** A setting's literal value, when it has one. */
  literal(name: string): string | undefined;
  /** Mounts a customer secret as a file and says where it appears (when `can.secretFiles`). */
  secretFile?(secret: SecretValue): SecretFile;
  /** Sets a setting: literal text, one secret as a whole value (a secret variable), or a composite. */
  set(name: string, value: SettingValue): void;
  /**
   * Where a setting lives when graft cannot remove it for this client alone (a ConfigMap other workloads read too),
   * for the message; undefined when it can.
   */
  sharedWith?(name: string): string | undefined;
  /**
   * Where the client reads settings graft cannot see, whole (a Secret outside the stack it takes through `envFrom`):
   * an origin security setting there would stay beside the customer's.
   */
  unseen?(): string[];
  /** Removes a setting; tells where it was, for the plan. */
  remove(name: string): Span | undefined;
  /** Writes the family's settings into the properties file the client reads (when `can.properties`). */
  properties?(properties: PropertiesEdit): PropertiesOutcome;
  /** Adds files the family generates; returns the plan note (when `can.files`). */
  addFiles?(files: Record<string, string>): string;
}

/** One client as the format found it. */
/** The dropped services a workload depended on: the Kafka, or only its ZooKeeper or registry (named). */
export interface DroppedDependency {
  /** A broker or controller among them. */
  kafka: boolean;
  /** "Kafka", or the others with their names: `ZooKeeper "zoo1"`. */
  what: string;
  /** The dropped services by name when they are not the Kafka. */
  services: string[];
}

export interface ClientInput {
  /** The name graft.yaml binds it by, and the family detection sees. */
  name: string;
  /** How messages name it: `service "api"`, `container "app" of Deployment/api`. */
  subject: string;
  /** What the plan's entry for it is about (its text is `planLabel` of it). */
  planId: PlanId;
  /** How the plan names it as the owner of a removed setting. */
  removedFrom: string;
  image?: string;
  /** Its settings as the container sees them, after endpoint rewiring. */
  env: ReadonlyMap<string, string>;
  /** The references that made graft treat it as a Kafka client. */
  matched: string[];
  binding?: ClientBinding;
  /** A family the format infers when graft.yaml names none (Spring settings in a mounted ConfigMap). */
  impliedFamily?: string;
  /** Other evidence that it is a Kafka client (it reads a Secret the dropped operator generated). */
  evidence?: boolean;
  /** It depended on a dropped service. */
  dependedOnDropped?: boolean;
  /** What it depended on, for the message; the Kafka when absent. */
  dependedOn?: DroppedDependency;
  /**
   * Where it names the dropped Kafka outside its settings, in a file graft does not rewrite (a mounted
   * `filebeat.yml`): `where` says which file, line and addresses, `at` is that address.
   */
  namedIn?: { where: string; at: Span };
  /** It now uses the customer's schema registry. */
  usesRegistry?: boolean;
  /** How to declare it in graft.yaml, for the help line. */
  declare: string;
  at: Span;
}

/** What configuring one client gave: the plan item (none when it is no client or cannot be configured). */
export interface ClientOutcome {
  item?: RewiredItem;
  family?: ClientFamily;
  emission?: Emission;
  removed: RemovedItem[];
  diagnostics: Diagnostic[];
}

/** Tells whether a client needs more than a bootstrap address to reach the customer's cluster. */
export function needsSecurity(spec: CustomerKafka): boolean {
  return spec.securityProtocol !== 'PLAINTEXT';
}

/** Picks a client's family: the vendor's binding first, then its env bindings, then what its image or environment shows. */
export function chooseFamily(
  facts: ServiceFacts,
  declared?: string,
  hasEnvBinding?: boolean,
): { family?: ClientFamily; certainty?: string } {
  if (declared) {
    const f = findFamily(declared);
    return f ? { family: f, certainty: 'declared in graft.yaml' } : {};
  }
  if (hasEnvBinding) return { family: findFamily('env'), certainty: 'env bindings in graft.yaml' };
  for (const level of ['certain', 'likely'] as const) {
    const f = families.find((fam) => fam.detect(facts) === level);
    if (f) return { family: f, certainty: level };
  }
  return {};
}

function diagnostic(
  code: ConfigureCode | 'CLIENT_MECHANISM_UNSUPPORTED' | 'CLIENT_SECRET_NEEDS_VALUE',
  severity: Diagnostic['severity'],
  message: string,
  help: string,
  at: Span,
): Diagnostic {
  return { code, severity, message, help, subject: at };
}

/**
 * The capability checks of a family against the customer's cluster: the SASL mechanism (or the binding vouching that
 * the image carries the library) and a client certificate.
 */
export function checkCapabilities(
  spec: CustomerKafka,
  input: Pick<ClientInput, 'name' | 'subject' | 'binding' | 'at'>,
  family: ClientFamily,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const m = spec.sasl?.mechanism;
  const supports = input.binding?.supports;
  if (m && spec.securityProtocol.startsWith('SASL')) {
    const vouched = (m === 'AWS_MSK_IAM' && supports?.awsMskIam && !family.notJava) || (m === 'OAUTHBEARER' && supports?.oauthbearer);
    if (!family.mechanisms.includes(m) && !vouched) {
      out.push(
        diagnostic(
          'CLIENT_MECHANISM_UNSUPPORTED',
          'error',
          `${input.subject} (family ${family.family}) cannot use SASL ${m} from configuration alone`,
          m === 'AWS_MSK_IAM' && !family.notJava
            ? `if its image ships the aws-msk-iam-auth library, vouch for it in graft.yaml (kafka.clients.${input.name}.supports.awsMskIam: true); otherwise the customer must offer SCRAM or mTLS`
            : `the customer must offer a mechanism the family supports: ${family.mechanisms.join(', ') || 'none'}`,
          input.at,
        ),
      );
    }
  }
  if (spec.tls?.clientCert && !family.mtls) {
    out.push(
      diagnostic(
        'CLIENT_MTLS_UNSUPPORTED',
        'error',
        `${input.subject} (family ${family.family}) cannot present a client certificate from configuration alone`,
        'the customer must offer SASL authentication for this client',
        input.at,
      ),
    );
  }
  return out;
}

/** Configures one client through its platform's sink: family, capability checks, emission, stale settings, notes. */
export function configureClient(spec: CustomerKafka, input: ClientInput, sink: ClientSink): ClientOutcome {
  const out: ClientOutcome = { removed: [], diagnostics: [] };
  const { binding, at } = input;
  const facts: ServiceFacts = { name: input.name, ...(input.image ? { image: input.image } : {}), env: input.env };
  const { family, certainty } = chooseFamily(facts, binding?.family ?? input.impliedFamily, binding?.env !== undefined);
  if (binding?.family && !family) {
    out.diagnostics.push(
      diagnostic(
        'CLIENT_FAMILY_UNKNOWN_IN_BINDING',
        'error',
        `graft.yaml gives ${input.subject} family "${binding.family}", which graft does not know`,
        `use one of: ${families.map((f) => f.family).join(', ')}`,
        at,
      ),
    );
    return out;
  }
  const isClient = input.matched.length > 0 || binding !== undefined || certainty === 'certain' || input.evidence === true;
  if (!isClient) {
    if (input.dependedOnDropped && input.namedIn) {
      const { where } = input.namedIn;
      out.diagnostics.push(
        diagnostic(
          'CLIENT_DEPENDS_ONLY',
          'error',
          `${input.subject} depended on the dropped ${input.dependedOn?.what ?? 'Kafka'} and names ${input.dependedOn?.kafka === false ? 'the dropped Kafka' : 'it'} only in ${where}, a file graft does not rewrite: it would reach nothing` +
            (needsSecurity(spec) ? `, and graft cannot give it the customer's ${spec.securityProtocol} settings` : ''),
          `point that file at the customer's bootstrap servers (${spec.bootstrapServers.join(',')})` +
            (needsSecurity(spec) ? ` with its ${spec.securityProtocol} settings in the file's own keys` : '') +
            `, then declare the service in graft.yaml so graft leaves it: kafka.infrastructure: [{ service: ${input.name}, role: none }]`,
          input.namedIn.at,
        ),
      );
    } else if (input.dependedOnDropped) {
      const dep = input.dependedOn ?? { kafka: true, what: 'Kafka', services: [] };
      const keep = dep.services.map((s) => `{ service: ${s}, role: none }`).join(', ');
      out.diagnostics.push(
        diagnostic(
          'CLIENT_DEPENDS_ONLY',
          'error',
          `${input.subject} depended on the dropped ${dep.what} but names no ${dep.kafka ? 'Kafka address' : 'address of it'} graft can see: an address built into its image or code would reach nothing`,
          dep.kafka
            ? `declare how it reads Kafka in graft.yaml (kafka.clients.${input.name}: family and env bindings) so graft can configure it, or, if it does not use Kafka, kafka.infrastructure: [{ service: ${input.name}, role: none }]`
            : `graft dropped ${dep.services.join(', ')} with the Kafka: if ${input.name} uses ${dep.services.length > 1 ? 'them' : 'it'} for itself, keep ${dep.services.length > 1 ? 'them' : 'it'} by declaring in graft.yaml kafka.infrastructure: [${keep}]; if it does not, declare kafka.infrastructure: [{ service: ${input.name}, role: none }]`,
          at,
        ),
      );
    }
    return out;
  }
  const item: RewiredItem = {
    service: planLabel(input.planId),
    id: input.planId,
    family: family?.family ?? 'bootstrap-only',
    matched: input.matched,
    changed: [],
    notes: [],
    at,
  };
  if (!family) {
    if (needsSecurity(spec)) {
      // the settings an environment client of the origin kept for the bundled Kafka (`KAFKA_SASL_MECHANISM`): without a
      // family graft can neither rewrite nor drop them, and left beside the customer's bootstrap they break the connection
      const stale = staleSecuritySettings('env', sink.settings(), []);
      out.diagnostics.push(
        diagnostic(
          'CLIENT_UNKNOWN_FAMILY',
          'error',
          `${input.subject} uses Kafka (${input.matched[0] ?? 'declared'}) but graft cannot tell how it reads ${spec.securityProtocol} settings` +
            (stale.length > 0 ? `; its origin security settings (${stale.join(', ')}) would stay beside the customer's bootstrap` : ''),
          `declare it in graft.yaml: ${input.declare}`,
          at,
        ),
      );
      return out;
    }
    item.notes.push('no client family recognized; only the bootstrap address was rewired (PLAINTEXT needs nothing more)');
    return { ...out, item };
  }
  const refused = checkCapabilities(spec, input, family);
  if (refused.length > 0) return { ...out, family, diagnostics: refused };
  out.family = family;
  const mounted = new Map<string, SecretValue>();
  const emission = family.emit({
    spec: specForClientOn(spec, sink.platform),
    service: facts,
    ...(binding ? { binding } : {}),
    bootstrap: spec.bootstrapServers.join(','),
    composites: sink.can.composites,
    mountSecret: (secret) => {
      const file = sink.can.secretFiles && sink.secretFile ? sink.secretFile(secret) : noSecretFile(secret);
      mounted.set(file.name, secret);
      return file;
    },
  });
  out.emission = emission;
  for (const p of emission.problems) out.diagnostics.push({ ...p, subject: at });
  const emitted = Object.keys(emission.env);
  const gone = new Set<string>();
  const remove = (name: string): void => {
    if (gone.has(name)) return;
    gone.add(name);
    const where = sink.remove(name);
    out.removed.push({ kind: 'env', name, from: input.removedFrom, fromId: input.planId, reason: staleReason(name), at: where ?? at });
  };
  for (const key of staleSecuritySettings(family.family, sink.settings(), emitted, binding, (n) => sink.literal(n))) {
    const shared = sink.sharedWith?.(key);
    if (shared) {
      out.diagnostics.push(
        diagnostic(
          'CLIENT_STALE_SETTING_SHARED',
          'error',
          `${input.subject} reads ${key}, an origin security setting for the bundled Kafka, from ${shared}; graft cannot remove it for this client alone`,
          `remove ${key} there if no other workload needs it, or give this workload its own copy without it, then compile again`,
          at,
        ),
      );
      continue;
    }
    remove(key);
  }
  for (const source of sink.unseen?.() ?? []) {
    out.diagnostics.push(
      diagnostic(
        'CLIENT_STALE_SETTING_UNSEEN',
        'warning',
        `${input.subject} reads every key of ${source}, which is not in the stack: a security setting of the bundled Kafka there (${surfaceHint(family.family)}) would stay beside the customer's and break the connection`,
        `remove from ${source} every ${family.family} security setting graft does not set itself${emitted.length ? ` (it sets ${emitted.join(', ')})` : ''}; values there are the customer's to edit, graft never reads them`,
        at,
      ),
    );
  }
  const refuse = (code: ConfigureCode, message: string, help: string): void => {
    out.diagnostics.push(diagnostic(code, code === 'CLIENT_SECRET_ENV_UNSUPPORTED' ? 'warning' : 'error', message, help, at));
  };
  const fileless = !sink.can.secretFiles;
  const envProvider = fileless && usesProviderFiles(Object.values(emission.env).filter((v): v is string => typeof v === 'string'));
  const providerAlias = envProvider
    ? providerAliasOf(Object.values(emission.env).filter((v): v is string => typeof v === 'string'))
    : undefined;
  const secretEnv = (name: string, secret: SecretValue, why: string): void => {
    if (sink.can.secretEnv) {
      sink.set(name, { parts: [{ secret }] });
      return;
    }
    // the origin's value served the bundled Kafka and would not work against the customer's
    if (sink.settings().includes(name)) remove(name);
    refuse(
      'CLIENT_SECRET_ENV_UNSUPPORTED',
      `${input.subject} (family ${family.family}) needs ${secret.path} in ${why}, but a ${sink.platform} environment cannot reference a secret and graft never writes its value`,
      'the client must read the secret itself at run time (the plan lists the secrets), or consume through an event source mapping',
    );
  };
  for (const [key, value] of Object.entries(emission.env)) {
    if (typeof value === 'string') {
      if (!fileless) {
        if (value !== sink.literal(key)) sink.set(key, value);
        continue;
      }
      const setting = settingWithoutFiles(family.family, key, value, envProvider);
      if (setting.text === undefined) continue;
      if (setting.file && !sink.can.secretEnv) {
        const secret = [...mounted.values()].find((x) => setting.text?.includes(noSecretFile(x).name));
        if (secret) secretEnv(key, secret, key);
        continue;
      }
      // a PEM truststore file becomes the PEM content setting, from the variable the CA arrives in
      const pem = setting.file && sink.can.secretEnv ? pemContentSetting(family.family, key, setting.text, providerAlias) : undefined;
      if (pem) {
        if (sink.settings().includes(key)) remove(key);
        if (pem.text !== sink.literal(pem.key)) sink.set(pem.key, pem.text);
        for (const name of secretVariablesIn(pem.text)) {
          const secret = mounted.get(name);
          if (secret) secretEnv(name, secret, pem.key);
        }
        continue;
      }
      if (setting.file) {
        refuse(
          'CLIENT_SECRET_FILE_UNSUPPORTED',
          `${input.subject} (family ${family.family}) reads a secret file in ${key} (${setting.text}), which ${sink.platform} cannot mount`,
          family.family === 'env'
            ? `${sink.platform} injects secrets only as environment variables: declare the variable the service reads the PEM itself from (graft.yaml kafka.clients.${input.name}.env caPem, certPem, keyPem), or have the customer use a public CA / no client certificate`
            : `${sink.platform} injects secrets only as environment variables: use a family that reads each secret from its own variable (graft.yaml family env with value bindings), or have the customer use a public CA / no client certificate`,
        );
        continue;
      }
      if (setting.text !== sink.literal(key)) sink.set(key, setting.text);
      // Spring placeholders and EnvVarConfigProvider references name the variables the secrets arrive in
      for (const name of secretVariablesIn(setting.text)) {
        const secret = mounted.get(name);
        if (secret) secretEnv(name, secret, key);
      }
      continue;
    }
    const secrets = value.parts.filter((p) => typeof p !== 'string');
    const [only] = value.parts;
    const whole = value.parts.length === 1 && only !== undefined && typeof only !== 'string';
    if (whole || !sink.can.secretEnv) for (const p of whole ? [only] : secrets) secretEnv(key, p.secret, key);
    else if (!sink.can.composites)
      refuse(
        'CLIENT_COMPOSITE_SECRET_UNSUPPORTED',
        `${input.subject} (family ${family.family}) needs a value built around ${secrets.map((p) => p.secret.path).join(', ')} in ${key}, which ${sink.platform} can inject only as a whole variable`,
        'bind the client as family env with one variable per secret in graft.yaml, so each secret is injected on its own',
      );
    else sink.set(key, value);
  }
  if (fileless) {
    // secrets arrive as their own variables: say how the client resolves them; config tree notes do not apply
    if (envProvider)
      item.notes.push(`secrets reach the client as \${secrets:GRAFT_…} placeholders resolved by ${ENV_VAR_PROVIDER} (kafka-clients ≥ 3.5)`);
    if (family.family === 'spring-boot' && Object.values(emission.env).some((v) => typeof v === 'string' && /\$\{GRAFT_/.test(v)))
      item.notes.push(
        `Spring Boot resolves the \${GRAFT_…} placeholders from the secrets ${sink.platform} injects as environment variables`,
      );
    item.notes.push(...emission.notes.filter((n) => !n.includes('config tree')));
  } else item.notes.push(...emission.notes);
  // Kafka's DirectoryConfigProvider returns a file's bytes as they are, trailing newline included
  const viaProvider = new Set(
    [...Object.values(emission.env), ...Object.values(emission.files ?? {}), ...Object.values(emission.properties?.set ?? {})]
      .filter((v): v is string => typeof v === 'string')
      .flatMap((v) => [...v.matchAll(/\$\{secrets:[^:}]*:([A-Za-z0-9_.-]+)\}/g)].map((m) => m[1] ?? '')),
  );
  const fromFiles = [...mounted]
    .filter(([name, s]) => !fileless && viaProvider.has(name) && s.secretRef.store === 'file')
    .map(([, s]) => s.path);
  if (fromFiles.length > 0) {
    item.notes.push(
      `${fromFiles.join(', ')} ${fromFiles.length === 1 ? 'is' : 'are'} read through Kafka's DirectoryConfigProvider, which keeps a trailing newline: the customer's file must not end with one`,
    );
  }
  // on a platform without secret files, the file's secrets arrive as variables: through EnvVarConfigProvider for the
  // Java client, and for librdkafka written into the file (and the PEM files beside it) by the step that writes it
  let props: PropertiesEdit | undefined = emission.properties;
  if (props && fileless && sink.can.properties) {
    const p = props;
    const strings = Object.values(p.set).filter((v): v is string => typeof v === 'string');
    const provider = usesProviderFiles(strings);
    let alias = provider ? providerAliasOf(strings) : undefined;
    const set: Record<string, SettingValue> = {};
    const files: Record<string, SecretValue> = {};
    for (const [key, value] of Object.entries(p.set)) {
      if (typeof value !== 'string') {
        set[key] = value;
        continue;
      }
      const setting = settingWithoutFiles(family.family, key, value, provider);
      if (setting.text === undefined) continue;
      const secret = setting.file ? mounted.get(setting.text.slice(NO_SECRET_FILES.length + 1)) : undefined;
      if (!setting.file) {
        set[key] = setting.text;
        for (const name of secretVariablesIn(setting.text)) {
          const s = mounted.get(name);
          if (s) secretEnv(name, s, key);
        }
      } else if (secret && p.format === 'librdkafka') files[key] = secret;
      else if (secret && p.format === 'java' && key === 'ssl.truststore.location') {
        // the PEM truststore's content, from the variable the CA arrives in
        if (!alias) {
          alias = SECRETS_PROVIDER;
          set['config.providers'] = SECRETS_PROVIDER;
          set[`config.providers.${SECRETS_PROVIDER}.class`] = ENV_VAR_PROVIDER;
        }
        const name = noSecretFile(secret).name;
        set['ssl.truststore.certificates'] = `\${${alias}:${name}}`;
        secretEnv(name, secret, 'ssl.truststore.certificates');
      } else
        refuse(
          'CLIENT_SECRET_FILE_UNSUPPORTED',
          `${input.subject} (family ${family.family}) reads a secret file in ${key} of ${p.file}, which ${sink.platform} cannot mount`,
          'bind the client as family env in graft.yaml so each secret arrives in a variable of its own',
        );
    }
    props = { ...p, set, ...(Object.keys(files).length > 0 ? { files } : {}) };
    if (provider || alias) {
      item.notes.push(
        `secrets reach ${p.file} as \${${alias ?? SECRETS_PROVIDER}:GRAFT_…} placeholders resolved by ${ENV_VAR_PROVIDER} (kafka-clients ≥ 3.5)`,
      );
      item.notes.splice(0, item.notes.length, ...item.notes.filter((n) => !n.includes('DirectoryConfigProvider')));
    }
  }
  if (emission.properties?.secrets && !sink.can.assembleAtStart) {
    for (const [key, secret] of Object.entries(emission.properties.secrets)) {
      out.diagnostics.push(
        diagnostic(
          'CLIENT_SECRET_NEEDS_VALUE',
          'error',
          `${input.subject} (family ${family.family}) would need ${secret.path} as ${key} in ${emission.properties.file}, but librdkafka takes ${key} only as a value written in that file (no config provider, no file or environment form), graft never writes a secret value, and ${noAssembly(sink.platform)}`,
          `bind the service with family: env in graft.yaml and name the variable its code passes to ${key} (kafka.clients.${input.name}.env)`,
          at,
        ),
      );
    }
  }
  if (emission.properties && props) {
    if (!sink.can.properties || !sink.properties)
      refuse(
        'CLIENT_PROPERTIES_FILE_UNSUPPORTED',
        `${input.subject} (family ${family.family}) reads its settings from ${emission.properties.file}, a properties file inside the image that graft cannot edit on ${sink.platform}`,
        'bind the client as family env in graft.yaml so its settings arrive as environment variables',
      );
    else {
      const r = sink.properties(props);
      if (r.problem) out.diagnostics.push({ ...r.problem, severity: 'error', subject: at });
      if (r.changed) item.changed.push(r.changed);
      item.notes.push(...(r.notes ?? []));
      for (const s of r.removed) {
        out.removed.push({
          kind: 'setting',
          name: s.key,
          from: `${input.removedFrom} (${emission.properties.file})`,
          fromId: input.planId,
          reason: staleReason(s.key),
          at: s.at,
        });
      }
    }
  }
  const registryAuth = emitted.some((k) => /BASIC_AUTH|USER_INFO|SCHEMA_?REGISTRY.*(AUTH|USER|PASSWORD)/.test(k));
  if (input.usesRegistry && spec.schemaRegistry?.basicAuth && !registryAuth) {
    out.diagnostics.push(
      diagnostic(
        'CLIENT_REGISTRY_AUTH_UNKNOWN',
        'warning',
        `${input.subject} now uses the customer's schema registry, which needs basic auth, but graft does not know how it reads registry credentials`,
        'declare schemaRegistryUsername and schemaRegistryPasswordFile for it in graft.yaml (family env)',
        at,
      ),
    );
  }
  const files = Object.keys(emission.files ?? {});
  if (emission.files && files.length > 0) {
    if (sink.can.files && sink.addFiles) item.notes.push(sink.addFiles(emission.files));
    else
      refuse(
        'CLIENT_GENERATED_FILE_UNSUPPORTED',
        `${input.subject} (family ${family.family}) needs generated files (${files.join(', ')}), which graft does not write for ${sink.platform}`,
        'bind the client as family env in graft.yaml',
      );
  }
  return { ...out, item };
}

/** Why a platform cannot have the file assembled when the container starts, for a message. */
function noAssembly(platform: string): string {
  switch (platform) {
    case 'ECS':
    case 'Lambda':
      return `on ${platform} the file is inside the image, out of graft's reach (no file of the stack is mounted into it)`;
    default:
      return 'graft assembles such a file at start only in Compose files and Kubernetes manifests (a one-shot render service or an init container), not on this platform';
  }
}

/** How a family spells the security settings an unseen source may hold, for a message. */
function surfaceHint(family: string): string {
  switch (family) {
    case 'spring-boot':
      return 'SPRING_KAFKA_SSL_*, SPRING_KAFKA_PROPERTIES_SASL_*, SPRING_KAFKA_PROPERTIES_SECURITY_PROTOCOL';
    case 'confluent-images':
      return '<COMPONENT>_SASL_*, <COMPONENT>_SSL_*, <COMPONENT>_SECURITY_PROTOCOL and their PRODUCER_/CONSUMER_/ADMIN_ copies';
    case 'kafka-ui':
      return 'KAFKA_CLUSTERS_<n>_SSL_*, KAFKA_CLUSTERS_<n>_PROPERTIES_SASL_*';
    case 'kafka-env':
    case 'env':
      return 'KAFKA_SASL_*, KAFKA_SSL_*, KAFKA_SECURITY_PROTOCOL';
    case 'redpanda-console':
    case 'kminion':
      return 'KAFKA_TLS_*, KAFKA_SASL_*';
    case 'quarkus-kafka-streams':
      return 'QUARKUS_KAFKA_STREAMS_SASL_*, QUARKUS_KAFKA_STREAMS_SSL_*, QUARKUS_KAFKA_STREAMS_SECURITY_PROTOCOL';
    case 'jitsu':
      return '<BULKER_|INGEST_>KAFKA_SSL*, KAFKA_SASL, KAFKA_SECURITY_PROTOCOL';
    case 'neo4j-streams':
      return 'NEO4J_kafka_sasl_*, NEO4J_kafka_ssl_*, NEO4J_kafka_security_protocol';
    default:
      return 'SASL, SSL and security protocol settings';
  }
}
