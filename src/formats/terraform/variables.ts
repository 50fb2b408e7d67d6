import { collectSecrets } from '../../spec/rules.js';
import { usesSasl, type CustomerKafka, type SecretValue } from '../../spec/types.js';
import { awsSecretId, awsSecretOf, ecsValueFrom } from '../aws/secrets.js';

/** A variable graft adds to a module, with the value the customer spec gives it (none: the customer sets it). */
export interface GraftVariable {
  name: string;
  type: string;
  description: string;
  /** HCL literal for graft_kafka.auto.tfvars; undefined when only the customer can know it. */
  value?: string;
  /** HCL default, making the variable optional. */
  default?: string;
}

const ARN_SLOT = '@graft-arn@';

/** The prefix of every variable and data source graft adds. */
export const PREFIX = 'graft_kafka';

const GROUPS: [RegExp, string][] = [
  [/^sasl\.oauth\./, 'oauth'],
  [/^sasl\./, 'sasl'],
  [/^tls\.client/, 'client_tls'],
  [/^tls\.ca$/, 'ca'],
  [/^schemaRegistry\.basicAuth\./, 'schema_registry'],
  [/^schemaRegistry\.ca$/, 'schema_registry_ca'],
];

/** An HCL string literal. */
export function hclString(s: string): string {
  return JSON.stringify(s).replace(/([$%])\{/g, (_m, c: string) => `${c}${c}{`);
}

/** The customer's settings as Terraform variables: which exist, and how a secret reference is written. */
export class TfVariables {
  private readonly all = new Map<string, GraftVariable>();
  readonly used = new Set<string>();
  private readonly secretVars = new Map<SecretValue, string>();

  constructor(readonly spec: CustomerKafka) {
    this.define(
      'bootstrap_servers',
      'string',
      "Bootstrap servers of the customer's Kafka cluster, comma-separated",
      hclString(spec.bootstrapServers.join(',')),
    );
    this.define('security_protocol', 'string', 'Kafka security protocol the clients use', hclString(spec.securityProtocol));
    if (spec.sasl && usesSasl(spec.securityProtocol))
      this.define('sasl_mechanism', 'string', 'SASL mechanism the clients use', hclString(spec.sasl.mechanism));
    if (spec.topics?.prefix)
      this.define('topic_prefix', 'string', 'Prefix of every topic name on the customer cluster', hclString(spec.topics.prefix));
    if (spec.groups?.prefix) this.define('group_prefix', 'string', 'Prefix of every consumer group id', hclString(spec.groups.prefix));
    if (spec.schemaRegistry)
      this.define('schema_registry_url', 'string', "URL of the customer's schema registry", hclString(spec.schemaRegistry.url));
    if (spec.sasl?.mechanism === 'AWS_MSK_IAM') {
      this.define('cluster_arn', 'string', "ARN of the customer's MSK cluster (arn:aws:kafka:<region>:<account>:cluster/<name>/<uuid>)");
    }
    this.define(
      'subnet_ids',
      'list(string)',
      'Subnets from which Lambda event sources reach the customer cluster (empty: it is reachable publicly)',
      undefined,
      '[]',
    );
    this.define('security_group_ids', 'list(string)', 'Security groups for Lambda event sources in those subnets', undefined, '[]');
    const byArn = new Map<string, SecretValue[]>();
    const secrets = collectSecrets(spec);
    for (const s of secrets) {
      const aws = awsSecretOf(s.secretRef);
      if (!aws) continue;
      const key = `${aws.store === 'ssm' ? 'ssm' : 'sm'}:${awsSecretId(aws)}`;
      byArn.set(key, [...(byArn.get(key) ?? []), s]);
    }
    const taken = new Set<string>();
    for (const [key, group] of byArn) {
      const first = group[0];
      const g = GROUPS.find(([re]) => re.test(first.path))?.[1] ?? first.path.replace(/\W+/g, '_').toLowerCase();
      const ssm = key.startsWith('ssm:');
      let name = `${g}_${ssm ? 'parameter' : 'secret_arn'}`;
      if (taken.has(name)) name = `${first.path.replace(/\W+/g, '_').toLowerCase()}_${ssm ? 'parameter' : 'secret_arn'}`;
      taken.add(name);
      const what = group.map((s) => s.path).join(', ');
      this.define(
        name,
        'string',
        ssm ? `SSM parameter holding ${what}` : `ARN of the Secrets Manager secret holding ${what} (graft never reads its value)`,
        hclString(key.slice(key.indexOf(':') + 1)),
      );
      for (const s of group) this.secretVars.set(s, `${PREFIX}_${name}`);
    }
  }

  private define(short: string, type: string, description: string, value?: string, def?: string): void {
    const name = `${PREFIX}_${short}`;
    this.all.set(name, {
      name,
      type,
      description,
      ...(value !== undefined ? { value } : {}),
      ...(def !== undefined ? { default: def } : {}),
    });
  }

  /** `var.graft_kafka_<short>`, marking it used. */
  ref(short: string): string {
    const name = `${PREFIX}_${short}`;
    if (!this.all.has(name)) throw new Error(`no graft variable ${name}`);
    this.used.add(name);
    return `var.${name}`;
  }

  /** `var.graft_kafka_<short>`, declaring it first when the spec does not (a value only the customer knows). */
  require(short: string, type: string, description: string): string {
    if (!this.has(short)) this.define(short, type, description);
    return this.ref(short);
  }

  /** Whether a variable exists for this spec. */
  has(short: string): boolean {
    return this.all.has(`${PREFIX}_${short}`);
  }

  /** The variable holding a secret's ARN or parameter name, if the secret lives in AWS. */
  secretVar(secret: SecretValue): string | undefined {
    const name = this.secretVars.get(secret);
    if (!name) return undefined;
    this.used.add(name);
    return name;
  }

  /** An expression for ECS `valueFrom` / a Secrets Manager ARN with its JSON key: `"${var.x}:password::"`. */
  valueFrom(secret: SecretValue): string | undefined {
    const name = this.secretVar(secret);
    if (!name) return undefined;
    const aws = awsSecretOf(secret.secretRef);
    const from = aws ? ecsValueFrom(aws, ARN_SLOT) : ARN_SLOT;
    return from === ARN_SLOT ? `var.${name}` : hclString(from).replace(ARN_SLOT, `\${var.${name}}`);
  }

  /** Every variable, in declaration order. */
  list(): GraftVariable[] {
    return [...this.all.values()];
  }
}
