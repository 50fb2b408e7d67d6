import { isScalar } from 'yaml';
import type { SecretValue } from '../../spec/types.js';
import { awsSecretId, awsSecretOf } from '../aws/secrets.js';
import type { CfnEditor } from './edit.js';
import { nodeStart, sectionOf, type Template } from './parse.js';
import { renderJson, renderYamlEntry, ref, type CfnValue, type Fn } from './render.js';

/** A parameter graft adds to a template. */
export interface GraftParameter {
  name: string;
  type: string;
  description: string;
  default?: string;
  allowedPattern?: string;
  /** Goes into the parameters file (non-secret values with a default). */
  inFile: boolean;
}

/** The parameter names graft uses. */
export const PARAM = {
  bootstrap: 'GraftKafkaBootstrapServers',
  protocol: 'GraftKafkaSecurityProtocol',
  mechanism: 'GraftKafkaSaslMechanism',
  clusterArn: 'GraftKafkaClusterArn',
  subnet1: 'GraftKafkaSubnetId1',
  subnet2: 'GraftKafkaSubnetId2',
  securityGroup: 'GraftKafkaSecurityGroupId',
} as const;

/** The parameters one template needs, added once each, in a stable order. */
export class TemplateParameters {
  private readonly params = new Map<string, GraftParameter>();

  /** Declares a parameter (idempotent) and returns `!Ref` to it. */
  use(p: GraftParameter): Fn {
    if (!this.params.has(p.name)) this.params.set(p.name, p);
    return ref(p.name);
  }

  /** `!Ref GraftKafkaClusterArn`, the customer's MSK cluster (no default: only the customer knows it). */
  clusterArn(): Fn {
    return this.use({
      name: PARAM.clusterArn,
      type: 'String',
      description: "ARN of the customer's MSK cluster (arn:aws:kafka:<region>:<account>:cluster/<name>/<uuid>)",
      allowedPattern: '^arn:aws[a-z-]*:kafka:[a-z0-9-]+:[0-9]{12}:cluster/[^/]+/[^/]+$',
      inFile: false,
    });
  }

  /** `!Ref GraftKafkaBootstrapServers`, the customer's comma-separated bootstrap list. */
  bootstrap(servers: readonly string[]): Fn {
    return this.use({
      name: PARAM.bootstrap,
      type: 'String',
      description: "Bootstrap servers of the customer's Kafka cluster (host:port, comma-separated)",
      default: servers.join(','),
      inFile: true,
    });
  }

  /** The parameter holding the ARN (or SSM parameter name) of the store a secret lives in. */
  secret(secret: SecretValue, all: readonly SecretValue[]): Fn | undefined {
    const aws = awsSecretOf(secret.secretRef);
    if (!aws) return undefined;
    const id = awsSecretId(aws);
    // secrets sharing one store share one parameter, named after what they have in common
    const paths = all
      .filter((s) => {
        const o = awsSecretOf(s.secretRef);
        return o && o.store === aws.store && awsSecretId(o) === id;
      })
      .map((s) => s.path);
    const name = `GraftKafka${pascal(commonPrefix(paths.length ? paths : [secret.path]))}${aws.store === 'ssm' ? 'Parameter' : 'SecretArn'}`;
    return this.use({
      name,
      type: 'String',
      description:
        aws.store === 'ssm'
          ? `Name of the SSM parameter holding ${paths.join(', ')} (a reference; graft never reads the value)`
          : `ARN of the Secrets Manager secret holding ${paths.join(', ')} (a reference; graft never reads the value)`,
      default: id,
      inFile: true,
    });
  }

  /** Every parameter declared. */
  list(): GraftParameter[] {
    return [...this.params.values()];
  }

  /** Writes the parameters into the template: new entries of `Parameters`, or a new section before `Resources`. */
  write(ed: CfnEditor, t: Template): void {
    const entries = this.list().map((p) => [p.name, definition(p)] as [string, CfnValue]);
    if (entries.length === 0) return;
    const existing = sectionOf(t, 'Parameters');
    const already = new Set(existing?.items.map((p) => (isScalar(p.key) ? String(p.key.value) : '')) ?? []);
    const fresh = entries.filter(([k]) => !already.has(k));
    if (fresh.length === 0) return;
    if (existing) {
      ed.appendEntries(existing, fresh);
      return;
    }
    const resources = t.root.items.find((p) => isScalar(p.key) && p.key.value === 'Resources');
    if (!resources?.key) return;
    const at = nodeStart(t.source, resources.key as never);
    const obj = Object.fromEntries(fresh);
    if (t.json) {
      const pad = /[ \t]*$/.exec(t.source.text.slice(t.source.text.lastIndexOf('\n', at - 1) + 1, at))?.[0] ?? '';
      const unit = /\n([ \t]+)\S/.exec(t.source.text)?.[1] ?? '  ';
      ed.yaml.replace(at, at, `"Parameters": ${renderJson(obj, unit, pad)},\n${pad}`.replace(/\r?\n/g, ed.yaml.eol));
    } else {
      ed.yaml.replace(at, at, renderYamlEntry('Parameters', obj).split('\n').join(ed.yaml.eol) + ed.yaml.eol + ed.yaml.eol);
    }
  }

  /** The parameters file (`aws cloudformation create-stack --parameters file://...` form), or undefined if none apply. */
  file(): string | undefined {
    const rows = this.list()
      .filter((p) => p.inFile && p.default !== undefined)
      .map((p) => ({ ParameterKey: p.name, ParameterValue: p.default }));
    return rows.length ? JSON.stringify(rows, null, 2) + '\n' : undefined;
  }
}

function definition(p: GraftParameter): CfnValue {
  return {
    Type: p.type,
    Description: p.description,
    ...(p.default !== undefined ? { Default: p.default } : {}),
    ...(p.allowedPattern !== undefined ? { AllowedPattern: p.allowedPattern } : {}),
  };
}

function commonPrefix(paths: readonly string[]): string {
  const split = paths.map((p) => p.split('.'));
  const first = split[0] ?? [];
  let n = 0;
  while (n < first.length && split.every((s) => s[n] === first[n])) n++;
  return n === 0 ? 'shared' : first.slice(0, n).join('.');
}

function pascal(path: string): string {
  return path
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((s) => s[0]?.toUpperCase() + s.slice(1))
    .join('');
}
