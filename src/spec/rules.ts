import type { Diagnostic } from '../core/diagnostic.js';
import { maskUserinfo } from '../core/redact.js';
import type { YamlDoc } from '../core/yaml-doc.js';
import { specDiagnostic } from './diagnose.js';
import { isSecret, SECURITY_PROTOCOLS, usesSasl, usesTls, type CustomerKafka, type SecretValue } from './types.js';

const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])$/;
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/;
const SECRET_ARN = /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[\w/+=.@-]+$/;
// a key (not an alias): IAM grants kms:Decrypt on key ARNs; multi-Region keys have mrk- ids
const KMS_KEY_ARN =
  /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/(?:mrk-[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** Checks the rules that the JSON Schema cannot express; every problem is reported. */
export function checkSemantics(yd: YamlDoc, spec: CustomerKafka): Diagnostic[] {
  return [
    ...checkBootstrap(yd, spec),
    ...checkSasl(yd, spec),
    ...checkTls(yd, spec),
    ...checkUrls(yd, spec),
    ...checkSecretRefs(yd, spec),
    ...checkTopics(yd, spec),
  ];
}

/** Tells whether a bootstrap entry is a well-formed host:port, returning why not otherwise. */
export function hostPortProblem(entry: string): string | undefined {
  if (/^[A-Za-z_]+:\/\//.test(entry)) return 'it carries a scheme; bootstrap servers are plain host:port';
  const m = /^(.*):(\d+)$/.exec(entry);
  if (!m) return 'it has no :port';
  const port = Number(m[2]);
  if (port < 1 || port > 65535) return `port ${m[2]} is out of range 1-65535`;
  if (!HOST.test(m[1] ?? '')) return `"${maskUserinfo(m[1] ?? '', true)}" is not a valid host name or address`;
  return undefined;
}

function checkBootstrap(yd: YamlDoc, spec: CustomerKafka): Diagnostic[] {
  const out: Diagnostic[] = [];
  const isList = Array.isArray((yd.data as Record<string, unknown>).bootstrapServers);
  const seen = new Set<string>();
  spec.bootstrapServers.forEach((entry, i) => {
    const path = isList ? ['bootstrapServers', i] : ['bootstrapServers'];
    const problem = hostPortProblem(entry);
    if (problem) {
      out.push(
        specDiagnostic(
          yd,
          'SPEC_BAD_HOST_PORT',
          path,
          `bootstrap server "${maskUserinfo(entry, true)}": ${problem}`,
          'write each server as host:port, e.g. broker-1.example.com:9092',
        ),
      );
    }
    if (seen.has(entry)) {
      out.push(
        specDiagnostic(
          yd,
          'SPEC_DUPLICATE_BOOTSTRAP',
          path,
          `bootstrap server "${maskUserinfo(entry, true)}" is listed twice`,
          'remove the duplicate',
          'warning',
        ),
      );
    }
    seen.add(entry);
  });
  return out;
}

function checkSasl(yd: YamlDoc, spec: CustomerKafka): Diagnostic[] {
  const out: Diagnostic[] = [];
  const protocol = spec.securityProtocol;
  const sasl = spec.sasl;
  // a protocol outside the schema's values is reported there; the rules below that depend on it would only guess
  const known = SECURITY_PROTOCOLS.includes(protocol);
  if (known && usesSasl(protocol) && !sasl) {
    out.push(
      specDiagnostic(
        yd,
        'SPEC_SASL_NEEDS_MECHANISM',
        ['securityProtocol'],
        `${protocol} needs a SASL mechanism`,
        'add sasl: { mechanism: SCRAM-SHA-512, username: ..., password: { secretRef: ... } }',
      ),
    );
  }
  if (!sasl) return out;
  if (known && !usesSasl(protocol)) {
    out.push(
      specDiagnostic(
        yd,
        'SPEC_SASL_WITHOUT_SASL_PROTOCOL',
        ['sasl'],
        `sasl is set but securityProtocol ${protocol} does not use SASL`,
        `use SASL_${protocol === 'SSL' ? 'SSL' : 'PLAINTEXT'}, or remove sasl`,
      ),
    );
  }
  const m = sasl.mechanism;
  const raw = (yd.data as { sasl?: Record<string, unknown> }).sasl ?? {};
  const needs = (field: string, help: string): void => {
    if (raw[field] === undefined)
      out.push(specDiagnostic(yd, 'SPEC_SASL_MISSING_CREDENTIALS', ['sasl', 'mechanism'], `${m} needs sasl.${field}`, help));
  };
  const unused = (present: unknown, field: string): void => {
    if (present !== undefined)
      out.push(
        specDiagnostic(
          yd,
          'SPEC_SASL_UNUSED_SETTINGS',
          ['sasl', field],
          `sasl.${field} is not used by ${m}`,
          `remove sasl.${field}, or change the mechanism`,
        ),
      );
  };
  if (m === 'PLAIN' || m === 'SCRAM-SHA-256' || m === 'SCRAM-SHA-512') {
    needs('username', 'add username: (a string or { secretRef: ... })');
    needs('password', 'add password: { secretRef: ... }');
    unused(raw.oauth, 'oauth');
    unused(raw.aws, 'aws');
  } else if (m === 'OAUTHBEARER') {
    needs('oauth', 'add oauth: { tokenEndpoint, clientId, clientSecret: { secretRef: ... } }');
    unused(raw.username, 'username');
    unused(raw.password, 'password');
    unused(raw.aws, 'aws');
  } else if (m === 'AWS_MSK_IAM') {
    if (known && protocol !== 'SASL_SSL') {
      out.push(
        specDiagnostic(
          yd,
          'SPEC_IAM_NEEDS_SASL_SSL',
          ['securityProtocol'],
          `AWS_MSK_IAM needs SASL_SSL, not ${protocol}`,
          'set securityProtocol: SASL_SSL (MSK IAM listens on port 9098, public 9198)',
        ),
      );
    }
    if (!sasl.aws?.roleArn) {
      out.push(
        specDiagnostic(
          yd,
          'SPEC_IAM_NEEDS_ROLE',
          sasl.aws ? ['sasl', 'aws'] : ['sasl', 'mechanism'],
          'AWS_MSK_IAM needs sasl.aws.roleArn: the IAM role the workloads assume',
          'add aws: { roleArn: arn:aws:iam::123456789012:role/kafka-client, region: us-east-1 }',
        ),
      );
    } else if (!ROLE_ARN.test(sasl.aws.roleArn)) {
      out.push(
        specDiagnostic(
          yd,
          'SPEC_BAD_ARN',
          ['sasl', 'aws', 'roleArn'],
          `"${sasl.aws.roleArn}" is not an IAM role ARN`,
          'expected arn:aws:iam::<12-digit account>:role/<name>',
        ),
      );
    }
    unused(raw.username, 'username');
    unused(raw.password, 'password');
    unused(raw.oauth, 'oauth');
  }
  if (m === 'PLAIN' && protocol === 'SASL_PLAINTEXT' && !sasl.allowInsecurePlain) {
    out.push(
      specDiagnostic(
        yd,
        'SPEC_PLAIN_OVER_PLAINTEXT',
        ['sasl', 'mechanism'],
        'PLAIN over SASL_PLAINTEXT sends the password unencrypted',
        'use SASL_SSL or SCRAM, or set sasl.allowInsecurePlain: true to accept the risk',
      ),
    );
  }
  return out;
}

function checkTls(yd: YamlDoc, spec: CustomerKafka): Diagnostic[] {
  const out: Diagnostic[] = [];
  const tls = spec.tls;
  if (!tls) return out;
  const tlsOn = usesTls(spec.securityProtocol) || !SECURITY_PROTOCOLS.includes(spec.securityProtocol);
  if ((tls.clientCert || tls.clientKey) && !tlsOn) {
    out.push(
      specDiagnostic(
        yd,
        'SPEC_MTLS_NEEDS_TLS',
        ['tls'],
        `a client certificate needs SSL or SASL_SSL, not ${spec.securityProtocol}`,
        'set securityProtocol: SSL (or SASL_SSL)',
      ),
    );
  }
  if (tls.clientCert && !tls.clientKey) {
    out.push(
      specDiagnostic(
        yd,
        'SPEC_MTLS_INCOMPLETE',
        ['tls', 'clientCert'],
        'tls.clientCert is set without tls.clientKey',
        'add clientKey: { secretRef: ... }',
      ),
    );
  }
  if (tls.clientKey && !tls.clientCert) {
    out.push(
      specDiagnostic(
        yd,
        'SPEC_MTLS_INCOMPLETE',
        ['tls', 'clientKey'],
        'tls.clientKey is set without tls.clientCert',
        'add clientCert: { secretRef: ... }',
      ),
    );
  }
  if (tls.ca && !tlsOn) {
    out.push(
      specDiagnostic(
        yd,
        'SPEC_TLS_WITHOUT_TLS_PROTOCOL',
        ['tls', 'ca'],
        `tls.ca is set but ${spec.securityProtocol} does not use TLS`,
        'use SSL or SASL_SSL, or remove tls.ca',
      ),
    );
  }
  return out;
}

function checkUrls(yd: YamlDoc, spec: CustomerKafka): Diagnostic[] {
  const out: Diagnostic[] = [];
  const check = (url: string, path: string[], carriesSecrets: boolean): void => {
    let parsed: URL | undefined;
    try {
      parsed = new URL(url);
    } catch {
      parsed = undefined;
    }
    if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
      out.push(
        specDiagnostic(
          yd,
          'SPEC_BAD_URL',
          path,
          `"${maskUserinfo(url)}" is not an http(s) URL`,
          'write a full URL, e.g. https://sr.example.com',
        ),
      );
    } else if (parsed.protocol === 'http:' && carriesSecrets) {
      out.push(
        specDiagnostic(
          yd,
          'SPEC_INSECURE_URL',
          path,
          `${path.join('.')} uses http, so credentials travel unencrypted`,
          'use https',
          'warning',
        ),
      );
    }
  };
  if (spec.sasl?.oauth) check(spec.sasl.oauth.tokenEndpoint, ['sasl', 'oauth', 'tokenEndpoint'], true);
  if (spec.schemaRegistry) check(spec.schemaRegistry.url, ['schemaRegistry', 'url'], spec.schemaRegistry.basicAuth !== undefined);
  return out;
}

function checkSecretRefs(yd: YamlDoc, spec: CustomerKafka): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const s of collectSecrets(spec)) {
    const ref = s.secretRef;
    const path = s.path.split('.');
    if ('file' in ref && !ref.file.startsWith('/')) {
      out.push(
        specDiagnostic(
          yd,
          'SPEC_FILE_NOT_ABSOLUTE',
          [...path, 'secretRef', 'file'],
          `file reference "${ref.file}" is relative`,
          'give the absolute path on the host that runs the stack',
        ),
      );
    }
    if ('awsSecretsManager' in ref && !SECRET_ARN.test(ref.awsSecretsManager.arn)) {
      out.push(
        specDiagnostic(
          yd,
          'SPEC_BAD_ARN',
          [...path, 'secretRef', 'awsSecretsManager', 'arn'],
          `"${ref.awsSecretsManager.arn}" is not a Secrets Manager secret ARN`,
          'expected arn:aws:secretsmanager:<region>:<account>:secret:<name>',
        ),
      );
    }
    const store = 'awsSecretsManager' in ref ? 'awsSecretsManager' : 'awsSsm' in ref ? 'awsSsm' : undefined;
    const kms = 'awsSecretsManager' in ref ? ref.awsSecretsManager.kmsKeyArn : 'awsSsm' in ref ? ref.awsSsm.kmsKeyArn : undefined;
    if (store && kms !== undefined && !KMS_KEY_ARN.test(kms)) {
      out.push(
        specDiagnostic(
          yd,
          'SPEC_BAD_ARN',
          [...path, 'secretRef', store, 'kmsKeyArn'],
          `"${kms}" is not a KMS key ARN`,
          'expected arn:aws:kms:<region>:<account>:key/<key-id> (the key itself, not an alias)',
        ),
      );
    }
  }
  return out;
}

function checkTopics(yd: YamlDoc, spec: CustomerKafka): Diagnostic[] {
  if (spec.topics?.prefix !== undefined && spec.topics.allow !== undefined) {
    return [
      specDiagnostic(
        yd,
        'SPEC_TOPICS_PREFIX_AND_ALLOW',
        ['topics'],
        'topics.prefix and topics.allow are both set',
        'keep one: a prefix the customer grants, or the exact topics allowed',
      ),
    ];
  }
  return [];
}

/** Lists every secret reference in a spec, in spec order. */
export function collectSecrets(spec: CustomerKafka): SecretValue[] {
  const candidates = [
    spec.sasl?.username,
    spec.sasl?.password,
    spec.sasl?.oauth?.clientId,
    spec.sasl?.oauth?.clientSecret,
    spec.tls?.ca,
    spec.tls?.clientCert,
    spec.tls?.clientKey,
    spec.schemaRegistry?.basicAuth?.username,
    spec.schemaRegistry?.basicAuth?.password,
    spec.schemaRegistry?.ca,
  ];
  return candidates.filter(isSecret);
}
