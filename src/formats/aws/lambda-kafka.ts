import type { CustomerKafka, SecretValue, Value } from '../../spec/types.js';
import { isSecret, usesSasl, usesTls } from '../../spec/types.js';
import { awsSecretOf } from './secrets.js';

/** Source access configuration types of a Lambda self-managed Kafka event source. */
export type LambdaSourceAccessType =
  'BASIC_AUTH' | 'SASL_SCRAM_256_AUTH' | 'SASL_SCRAM_512_AUTH' | 'CLIENT_CERTIFICATE_TLS_AUTH' | 'SERVER_ROOT_CA_CERTIFICATE';

/** One secret-backed source access configuration: the type and the ARN of the one Secrets Manager secret Lambda reads. */
export interface LambdaSourceAccess {
  type: LambdaSourceAccessType;
  secretArn: string;
  /** The spec's references this secret stands for. */
  secrets: SecretValue[];
}

/** Why Lambda cannot use the customer's cluster as a self-managed Kafka source. */
export interface LambdaProblem {
  reason: 'mechanism' | 'secret-shape' | 'too-many-servers';
  message: string;
  help: string;
  /** The spec entry at fault, when there is one. */
  at?: SecretValue;
}

/** Lambda's limit on self-managed Kafka bootstrap servers. */
export const LAMBDA_MAX_BOOTSTRAP_SERVERS = 10;

const SASL_TYPES = { PLAIN: 'BASIC_AUTH', 'SCRAM-SHA-256': 'SASL_SCRAM_256_AUTH', 'SCRAM-SHA-512': 'SASL_SCRAM_512_AUTH' } as const;

/**
 * Derives the source access configurations a Lambda self-managed Kafka event source needs for the customer's cluster.
 * Lambda reads each credential set from ONE Secrets Manager secret holding JSON: `{"username","password"}` for SASL,
 * `{"certificate","privateKey"}` for mTLS, `{"certificate"}` for a private root CA.
 */
export function lambdaSourceAccess(spec: CustomerKafka): { access: LambdaSourceAccess[]; problems: LambdaProblem[] } {
  const access: LambdaSourceAccess[] = [];
  const problems: LambdaProblem[] = [];
  const sasl = spec.sasl;
  if (sasl && usesSasl(spec.securityProtocol)) {
    if (sasl.mechanism === 'OAUTHBEARER' || sasl.mechanism === 'AWS_MSK_IAM') {
      problems.push({
        reason: 'mechanism',
        message: `Lambda self-managed Kafka event sources cannot authenticate with ${sasl.mechanism}`,
        help: 'Lambda supports SASL/PLAIN, SCRAM-SHA-256, SCRAM-SHA-512 and mTLS for self-managed Kafka; the customer must offer one of them',
      });
    } else {
      const pair = jsonSecret([sasl.username, sasl.password], ['username', 'password']);
      if (typeof pair === 'string')
        access.push({ type: SASL_TYPES[sasl.mechanism], secretArn: pair, secrets: secretsOf([sasl.username, sasl.password]) });
      else
        problems.push(
          shapeProblem(pair, `SASL/${sasl.mechanism}`, '{"username": "...", "password": "..."}', 'sasl.username and sasl.password'),
        );
    }
  }
  const tls = spec.tls;
  if (tls && usesTls(spec.securityProtocol)) {
    if (tls.clientCert && tls.clientKey) {
      const pair = jsonSecret([tls.clientCert, tls.clientKey], ['certificate', 'privateKey']);
      if (typeof pair === 'string')
        access.push({ type: 'CLIENT_CERTIFICATE_TLS_AUTH', secretArn: pair, secrets: [tls.clientCert, tls.clientKey] });
      else problems.push(shapeProblem(pair, 'mTLS', '{"certificate": "...", "privateKey": "..."}', 'tls.clientCert and tls.clientKey'));
    }
    if (tls.ca) {
      const one = jsonSecret([tls.ca], ['certificate']);
      if (typeof one === 'string') access.push({ type: 'SERVER_ROOT_CA_CERTIFICATE', secretArn: one, secrets: [tls.ca] });
      else problems.push(shapeProblem(one, 'the private root CA', '{"certificate": "..."}', 'tls.ca'));
    }
  }
  return { access, problems };
}

/** The bootstrap servers for `SelfManagedEventSource.Endpoints.KafkaBootstrapServers`, at most ten. */
export function lambdaBootstrapServers(spec: CustomerKafka): { servers: string[]; problem?: LambdaProblem } {
  const servers = spec.bootstrapServers;
  if (servers.length <= LAMBDA_MAX_BOOTSTRAP_SERVERS) return { servers: [...servers] };
  return {
    servers: servers.slice(0, LAMBDA_MAX_BOOTSTRAP_SERVERS),
    problem: {
      reason: 'too-many-servers',
      message: `Lambda accepts at most ${LAMBDA_MAX_BOOTSTRAP_SERVERS} bootstrap servers; the spec lists ${servers.length}`,
      help: `list at most ${LAMBDA_MAX_BOOTSTRAP_SERVERS} servers in bootstrapServers (a client needs only a few to discover the cluster)`,
    },
  };
}

const PRIVATE_HOST =
  /^(10\.\d+\.\d+\.\d+|192\.168\.\d+\.\d+|172\.(1[6-9]|2\d|3[01])\.\d+\.\d+|[^.]+|.*\.(internal|local|lan|corp|home|svc|intranet|private))$/i;
// MSK private listeners (9092/9094/9096/9098) resolve to addresses inside the cluster's VPC; public ones use 91xx
const MSK_PRIVATE = /\.kafka(-serverless)?\.[a-z0-9-]+\.amazonaws\.com(\.cn)?:90\d\d$/i;

/**
 * Tells whether the customer's brokers are only reachable inside a VPC: every bootstrap host is a private IPv4
 * address, a single-label or private-suffix name (`.internal`, `.local`, `.svc`, ...), or an MSK private listener.
 */
export function isPrivateBootstrap(spec: CustomerKafka): boolean {
  return spec.bootstrapServers.every((s) => MSK_PRIVATE.test(s) || PRIVATE_HOST.test(s.replace(/:\d+$/, '')));
}

type Shape = { bad: SecretValue | undefined; why: 'not-secret' | 'not-secrets-manager' | 'key' | 'arn'; expected: string };

// one Secrets Manager ARN read with the exact JSON keys Lambda expects, or what is wrong
function jsonSecret(values: readonly (Value | undefined)[], keys: readonly string[]): string | Shape {
  let arn: string | undefined;
  for (const [i, v] of values.entries()) {
    const key = keys[i] ?? '';
    if (!isSecret(v)) return { bad: undefined, why: 'not-secret', expected: key };
    const s = awsSecretOf(v.secretRef);
    if (s?.store !== 'secretsManager') return { bad: v, why: 'not-secrets-manager', expected: key };
    if (s.key !== key) return { bad: v, why: 'key', expected: key };
    if (arn !== undefined && s.arn !== arn) return { bad: v, why: 'arn', expected: key };
    arn = s.arn;
  }
  return arn ?? '';
}

function secretsOf(values: readonly (Value | undefined)[]): SecretValue[] {
  return values.filter((v): v is SecretValue => isSecret(v));
}

function shapeProblem(shape: Shape, what: string, json: string, fields: string): LambdaProblem {
  const why = {
    'not-secret': `${fields} must all be secret references (Lambda reads the username from the secret too)`,
    'not-secrets-manager': `${shape.bad?.path ?? fields} is not an awsSecretsManager reference`,
    key: `${shape.bad?.path ?? fields} must read the JSON key "${shape.expected}" of its secret`,
    arn: `${fields} must name the same secret ARN`,
  }[shape.why];
  return {
    reason: 'secret-shape',
    message: `Lambda reads ${what} credentials from one Secrets Manager secret holding ${json}: ${why}`,
    help: `store ${json} in one Secrets Manager secret and reference it in ${fields} as awsSecretsManager: { arn: <its ARN>, key: ${shape.expected} } (one key each)`,
    ...(shape.bad ? { at: shape.bad } : {}),
  };
}
