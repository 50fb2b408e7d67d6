import { join } from 'node:path';
import type { ContainerMount } from './compose-service.js';
import { resolveMounts, type Cluster, type K8sObject, type PodContainer } from './k8s-pod.js';

// What the Strimzi Cluster Operator makes of a KafkaConnect: the worker configuration it writes into the Connect
// ConfigMap (`kafka-connect.properties`), the Secret it assembles from `tls.trustedCertificates`, and the Secret
// volumes it mounts into the Connect pod. Ported from Strimzi 0.51.0 (the version whose CRDs tools/k8s-validate and
// tools/kube-apiserver install, the last to serve kafka.strimzi.io/v1beta2):
// - cluster-operator/src/main/java/io/strimzi/operator/cluster/model/KafkaConnectConfigurationBuilder.java (the file),
// - KafkaConnectCluster.java (fromSpec: `group.id` and the storage topics from the v1 fields, else from `config`, else
//   the defaults; generateConnectConfigMap: the order the builder is called in; the mount paths),
// - KafkaConnectConfiguration.java / KafkaConnectSpec.java (forbidden `config` prefixes and their exceptions, the
//   default converters),
// - AuthenticationUtils.java (configureClientAuthenticationVolumes/-VolumeMounts: which Secret is mounted where;
//   oauthJaasOptions: the OAuth JAAS options),
// - AbstractConnectOperator.tlsTrustedCertsSecret + ReconcilerUtils.trustedCertificates (every trusted certificate
//   joined with "\n" into `ca.crt` of `<name>-connect-tls-trusted-certs`; a missing Secret or key fails the reconcile).
// Secrets reach the worker as 0.51.0 renders them: passwords through `${strimzidir:/opt/kafka/connect-password/<secret>:<key>}`
// (DirectoryConfigProvider on the mounted Secret), certificates and keys through `${strimzisecrets:<ns>/<secret>:<key>}`
// (Strimzi's KubernetesSecretConfigProvider, which reads the Secret through the Kubernetes API), OAuth client secrets
// through `${strimzidir:/opt/kafka/oauth/<secret>:<key>}`. Not ported: metrics reporters, rack awareness from a topology
// label (0.51.0 prints its `consumer.client.rack` line unconditionally; it is printed here too), tracing.

/** The operator could not reconcile the resource (e.g. a trusted certificate's Secret or key is missing). */
export class OperatorError extends Error {}

/** The Connect pod the operator would run for a KafkaConnect. */
export interface StrimziConnectPod {
  /** `metadata.name` of the KafkaConnect. */
  name: string;
  namespace: string;
  /** The ConfigMap entry `kafka-connect.properties` (the builder's output). */
  properties: string;
  groupId: string;
  configStorageTopic: string;
  statusStorageTopic: string;
  offsetStorageTopic: string;
  /** Secrets the operator creates in the namespace (the joined trusted certificates). */
  operatorSecrets: K8sObject[];
  /**
   * The Role and RoleBinding the operator creates for the pod's ServiceAccount (`<name>-connect`): `get` on the Secrets
   * it names in `${strimzisecrets:…}` itself (KafkaConnectCluster.generateRole: the trusted certificates, a tls
   * authentication's certificate and key); a `type: custom` block's Secrets are not among them.
   */
  operatorRbac: K8sObject[];
  /** The Secret volumes of the pod (operator-mounted credentials) as the kubelet writes them. */
  mounts: ContainerMount[];
}

const PASSWORD_VOLUME_MOUNT = '/opt/kafka/connect-password/';
const TLS_CERTS_BASE_VOLUME_MOUNT = '/opt/kafka/connect-certs/';
const OAUTH_SECRETS_BASE_VOLUME_MOUNT = '/opt/kafka/oauth/';
const FORBIDDEN_PREFIXES = [
  'ssl.',
  'sasl.',
  'security.',
  'listeners',
  'plugin.path',
  'rest.',
  'bootstrap.servers',
  'consumer.interceptor.classes',
  'producer.interceptor.classes',
  'prometheus.metrics.reporter.',
];
const FORBIDDEN_PREFIX_EXCEPTIONS = ['ssl.endpoint.identification.algorithm', 'ssl.cipher.suites', 'ssl.protocol', 'ssl.enabled.protocols'];
/** KafkaClientAuthenticationCustom.ALLOWED_PREFIXES: what of a `type: custom` block's `config` reaches the worker. */
export const CUSTOM_AUTH_PREFIXES = ['ssl.keystore.', 'sasl.'];
const DEFAULTS: Record<string, string> = {
  'key.converter': 'org.apache.kafka.connect.json.JsonConverter',
  'value.converter': 'org.apache.kafka.connect.json.JsonConverter',
};

/** Readers of a parsed resource's untyped fields, shared with the MirrorMaker 2 port. */
export type Dict = Record<string, unknown>;
export const isDict = (v: unknown): v is Dict => v !== null && typeof v === 'object' && !Array.isArray(v);
export const dict = (v: unknown): Dict => (isDict(v) ? v : {});
export const str = (v: unknown): string =>
  typeof v === 'string'
    ? v
    : typeof v === 'number' || typeof v === 'boolean'
      ? String(v)
      : v === undefined || v === null
        ? ''
        : JSON.stringify(v);

/** A Secret's key as the operator reads it through the API. */
function secretValue(cluster: Cluster, namespace: string, name: string, key: string): Buffer {
  const secret = cluster.secrets.get(`${namespace}/${name}`);
  if (!secret) throw new OperatorError(`Secret ${name} not found`);
  const value = secret.get(key);
  if (!value) throw new OperatorError(`Secret ${name} has no key ${key}`);
  return value;
}

/** Renders a KafkaConnect (v1beta2 or v1 layout) as Strimzi 0.51.0's operator would. */
export function strimziConnectPod(kc: K8sObject, cluster: Cluster, dir: string): StrimziConnectPod {
  const meta = dict(kc.metadata);
  const name = str(meta['name']);
  const namespace = str(meta['namespace']) || 'default';
  const spec = dict(kc['spec']);
  const config = new Map(Object.entries(dict(spec['config'])).map(([k, v]) => [k, str(v)]));
  const extract = (key: string, field: string, fallback: string): string => {
    const fromField = spec[field];
    const fromConfig = config.get(key);
    config.delete(key);
    return fromField !== undefined ? str(fromField) : (fromConfig ?? fallback);
  };
  const groupId = extract('group.id', 'groupId', 'connect-cluster');
  const configStorageTopic = extract('config.storage.topic', 'configStorageTopic', 'connect-cluster-configs');
  const statusStorageTopic = extract('status.storage.topic', 'statusStorageTopic', 'connect-cluster-status');
  const offsetStorageTopic = extract('offset.storage.topic', 'offsetStorageTopic', 'connect-cluster-offsets');

  const out: string[] = [];
  const line = (s = ''): void => void out.push(s);
  const section = (title: string): void => {
    line('##########');
    line(`# ${title}`);
    line('##########');
  };
  let securityProtocol = 'PLAINTEXT';
  const strimzisecrets = (secret: string, key: string): string => `\${strimzisecrets:${namespace}/${secret}:${key}}`;
  const strimzidir = (base: string, secret: string, key: string): string => `\${strimzidir:${base}${secret}:${key}}`;
  const volumes: { secretName: string; mountPath: string }[] = [];
  const operatorSecrets: K8sObject[] = [];

  // header, bootstrap servers
  line('##############################');
  line('##############################');
  line('# This file is automatically generated by the Strimzi Cluster Operator');
  line('# Any changes to this file will be ignored and overwritten!');
  line('##############################');
  line('##############################');
  line();
  section('Bootstrap servers');
  line(`bootstrap.servers=${str(spec['bootstrapServers'])}`);
  line();
  // withGroupIdAndInternalTopics
  section('Internal topics and group ID');
  line(`group.id=${groupId}`);
  line(`config.storage.topic=${configStorageTopic}`);
  line(`status.storage.topic=${statusStorageTopic}`);
  line(`offset.storage.topic=${offsetStorageTopic}`);
  line();
  // withRestListeners(8083)
  section('REST Listeners');
  line('rest.advertised.host.name=${strimzienv:ADVERTISED_HOSTNAME}');
  line('rest.advertised.port=8083');
  line();
  // withPluginPath
  section('Plugins');
  line('plugin.path=/opt/kafka/plugins');
  line();
  // withTls
  const tls = spec['tls'];
  if (isDict(tls)) {
    securityProtocol = 'SSL';
    const trusted = Array.isArray(tls['trustedCertificates']) ? tls['trustedCertificates'].map(dict) : [];
    if (trusted.length > 0) {
      const secretName = `${name}-connect-tls-trusted-certs`;
      const certs = trusted.map((t) => {
        const source = str(t['secretName']);
        if (t['pattern'] !== undefined) {
          const re = globRegex(str(t['pattern']));
          const secret = cluster.secrets.get(`${namespace}/${source}`);
          if (!secret) throw new OperatorError(`Secret ${source} not found`);
          return [...secret]
            .filter(([k]) => re.test(k))
            .map(([, v]) => v.toString('utf8'))
            .join('\n');
        }
        return secretValue(cluster, namespace, source, str(t['certificate'])).toString('utf8');
      });
      operatorSecrets.push({
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: secretName, namespace },
        type: 'Opaque',
        data: { 'ca.crt': Buffer.from(certs.join('\n'), 'utf8').toString('base64') },
      });
      const value = strimzisecrets(secretName, 'ca.crt');
      section('TLS / SSL');
      for (const p of ['', 'producer.', 'consumer.', 'admin.']) {
        line(`${p}ssl.truststore.certificates=${value}`);
        line(`${p}ssl.truststore.type=PEM`);
      }
      line();
    }
  }
  // withAuthentication
  const auth = spec['authentication'];
  if (isDict(auth)) {
    section('Authentication configuration');
    const type = str(auth['type']);
    if (type === 'tls' && isDict(auth['certificateAndKey'])) {
      const ck = dict(auth['certificateAndKey']);
      const secret = str(ck['secretName']);
      volumes.push({ secretName: secret, mountPath: TLS_CERTS_BASE_VOLUME_MOUNT + secret });
      for (const p of ['', 'producer.', 'consumer.', 'admin.']) {
        line(`${p}ssl.keystore.certificate.chain=${strimzisecrets(secret, str(ck['certificate']))}`);
        line(`${p}ssl.keystore.key=${strimzisecrets(secret, str(ck['key']))}`);
        line(`${p}ssl.keystore.type=PEM`);
      }
    } else if (type === 'custom') {
      // KafkaClientAuthenticationCustom: `sasl: true` makes the protocol SASL_*; the `config` options under the allowed
      // prefixes (`ssl.keystore.`, `sasl.`), in their order, each for the worker and its producer, consumer and admin
      if (auth['sasl'] === true) securityProtocol = securityProtocol === 'SSL' ? 'SASL_SSL' : 'SASL_PLAINTEXT';
      for (const [k, v] of Object.entries(dict(auth['config'])))
        if (CUSTOM_AUTH_PREFIXES.some((p) => k.toLowerCase().startsWith(p)))
          for (const p of ['', 'producer.', 'consumer.', 'admin.']) line(`${p}${k}=${str(v)}`);
      line();
    } else {
      securityProtocol = securityProtocol === 'SSL' ? 'SASL_SSL' : 'SASL_PLAINTEXT';
      let mechanism = '';
      let jaas = '';
      let callback = '';
      if (type === 'plain' || type === 'scram-sha-256' || type === 'scram-sha-512') {
        const ps = dict(auth['passwordSecret']);
        const secret = str(ps['secretName']);
        volumes.push({ secretName: secret, mountPath: PASSWORD_VOLUME_MOUNT + secret });
        const password = strimzidir(PASSWORD_VOLUME_MOUNT, secret, str(ps['password']));
        mechanism = type === 'plain' ? 'PLAIN' : type.toUpperCase();
        const module =
          type === 'plain'
            ? 'org.apache.kafka.common.security.plain.PlainLoginModule'
            : 'org.apache.kafka.common.security.scram.ScramLoginModule';
        jaas = `${module} required username="${str(auth['username'])}" password="${password}";`;
      } else if (type === 'oauth') {
        mechanism = 'OAUTHBEARER';
        const options = oauthJaasOptions(auth)
          .map(([k, v]) => `${k}="${v}"`)
          .join(' ');
        jaas = `org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required${options ? ` ${options}` : ''}`;
        for (const [field, option] of [
          ['clientSecret', 'oauth.client.secret'],
          ['refreshToken', 'oauth.refresh.token'],
          ['accessToken', 'oauth.access.token'],
          ['clientAssertion', 'oauth.client.assertion'],
        ] as const) {
          if (!isDict(auth[field])) continue;
          const s = dict(auth[field]);
          volumes.push({ secretName: str(s['secretName']), mountPath: OAUTH_SECRETS_BASE_VOLUME_MOUNT + str(s['secretName']) });
          jaas += ` ${option}="${strimzidir(OAUTH_SECRETS_BASE_VOLUME_MOUNT, str(s['secretName']), str(s['key']))}"`;
        }
        if (isDict(auth['passwordSecret'])) {
          const ps = dict(auth['passwordSecret']);
          volumes.push({ secretName: str(ps['secretName']), mountPath: OAUTH_SECRETS_BASE_VOLUME_MOUNT + str(ps['secretName']) });
          jaas += ` oauth.password.grant.password="${strimzidir(OAUTH_SECRETS_BASE_VOLUME_MOUNT, str(ps['secretName']), str(ps['password']))}"`;
        }
        if (Array.isArray(auth['tlsTrustedCertificates']) && auth['tlsTrustedCertificates'].length > 0) {
          throw new OperatorError('OAuth tlsTrustedCertificates are not ported');
        }
        jaas += ';';
        callback = 'sasl.login.callback.handler.class=io.strimzi.kafka.oauth.client.JaasClientOauthLoginCallbackHandler';
      } else {
        throw new OperatorError(`authentication type ${type} is not ported`);
      }
      for (const p of ['', 'producer.', 'consumer.', 'admin.']) {
        line(`${p}sasl.mechanism=${mechanism}`);
        line(`${p}sasl.jaas.config=${jaas}`);
        line(callback ? `${p}${callback}` : '');
      }
      line();
    }
  }
  // withRackId (unconditional in 0.51.0)
  section('Additional information');
  line('consumer.client.rack=${strimzidir:/opt/kafka/init:rack.id}');
  line();
  // withUserConfiguration: config providers, then the user's configuration without forbidden options, defaults added
  const user = new Map([...Object.entries(DEFAULTS), ...config]);
  for (const k of [...user.keys()])
    if (FORBIDDEN_PREFIXES.some((p) => k.toLowerCase().startsWith(p)) && !FORBIDDEN_PREFIX_EXCEPTIONS.includes(k.toLowerCase()))
      user.delete(k);
  section('Config providers');
  const providers = 'strimzienv,strimzifile,strimzidir,strimzisecrets';
  const own = user.get('config.providers');
  user.delete('config.providers');
  line(own ? '# Configuration providers configured by the user and by Strimzi' : '# Configuration providers configured by Strimzi');
  line(`config.providers=${own ? `${own},` : ''}${providers}`);
  line('config.providers.strimzienv.class=org.apache.kafka.common.config.provider.EnvVarConfigProvider');
  line('config.providers.strimzienv.param.allowlist.pattern=.*');
  line('config.providers.strimzifile.class=org.apache.kafka.common.config.provider.FileConfigProvider');
  line('config.providers.strimzidir.class=org.apache.kafka.common.config.provider.DirectoryConfigProvider');
  line('config.providers.strimzidir.param.allowed.paths=/opt/kafka');
  line('config.providers.strimzisecrets.class=io.strimzi.kafka.KubernetesSecretConfigProvider');
  line();
  if (user.size > 0) {
    section('User provided configuration');
    for (const [k, v] of [...user].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) line(`${k}=${v}`);
    line();
    line();
  }
  // build(): the security protocol, decided by tls and authentication
  section('Kafka Security protocol');
  for (const p of ['', 'producer.', 'consumer.', 'admin.']) line(`${p}security.protocol=${securityProtocol}`);
  line();

  // the kubelet writes the operator's Secret volumes (a missing Secret fails the mount)
  const pc: PodContainer = {
    workload: `StrimziPodSet/${namespace}/${name}-connect`,
    kind: 'StrimziPodSet',
    name: `${name}-connect`,
    namespace,
    labels: {},
    template: {
      metadata: {},
      spec: { volumes: dedupe(volumes).map((v) => ({ name: v.secretName, secret: { secretName: v.secretName, defaultMode: 0o440 } })) },
    },
    container: { volumeMounts: dedupe(volumes).map((v) => ({ name: v.secretName, mountPath: v.mountPath })) },
  };
  const mounts = resolveMounts(pc, cluster, join(dir, 'operator-volumes'), {});
  const readable = [
    ...(operatorSecrets.length > 0 ? [`${name}-connect-tls-trusted-certs`] : []),
    ...(isDict(auth) && str(auth['type']) === 'tls' && isDict(auth['certificateAndKey'])
      ? [str(dict(auth['certificateAndKey'])['secretName'])]
      : []),
  ];
  const component = `${name}-connect`;
  const operatorRbac: K8sObject[] =
    readable.length === 0
      ? []
      : [
          {
            apiVersion: 'rbac.authorization.k8s.io/v1',
            kind: 'Role',
            metadata: { name: component, namespace },
            rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['get'], resourceNames: readable }],
          },
          {
            apiVersion: 'rbac.authorization.k8s.io/v1',
            kind: 'RoleBinding',
            metadata: { name: `${component}-connect-role`, namespace },
            subjects: [{ kind: 'ServiceAccount', name: component, namespace }],
            roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: component },
          },
        ];
  return {
    name,
    namespace,
    properties: `${out.join('\n')}\n`,
    groupId,
    configStorageTopic,
    statusStorageTopic,
    offsetStorageTopic,
    operatorSecrets,
    operatorRbac,
    mounts,
  };
}

// AuthenticationUtils.oauthJaasOptions for the fields graft writes (and the other plain ones)
function oauthJaasOptions(auth: Dict): [string, string][] {
  const options: [string, string][] = [];
  const add = (option: string, v: unknown): void => {
    if (v !== undefined && v !== null && str(v) !== '') options.push([option, str(v)]);
  };
  add('oauth.client.id', auth['clientId']);
  add('oauth.password.grant.username', auth['username']);
  add('oauth.token.endpoint.uri', auth['tokenEndpointUri']);
  add('oauth.client.credentials.grant.type', auth['grantType']);
  add('oauth.scope', auth['scope']);
  add('oauth.audience', auth['audience']);
  if (auth['disableTlsHostnameVerification'] === true) options.push(['oauth.ssl.endpoint.identification.algorithm', '']);
  if (auth['accessTokenIsJwt'] === false) options.push(['oauth.access.token.is.jwt', 'false']);
  for (const [field, option] of [
    ['maxTokenExpirySeconds', 'oauth.max.token.expiry.seconds'],
    ['connectTimeoutSeconds', 'oauth.connect.timeout.seconds'],
    ['readTimeoutSeconds', 'oauth.read.timeout.seconds'],
    ['httpRetries', 'oauth.http.retries'],
    ['httpRetryPauseMs', 'oauth.http.retry.pause.millis'],
  ] as const)
    if (typeof auth[field] === 'number' && auth[field] > 0) options.push([option, String(auth[field])]);
  if (auth['enableMetrics'] === true) options.push(['oauth.enable.metrics', 'true']);
  if (auth['includeAcceptHeader'] === false) options.push(['oauth.include.accept.header', 'false']);
  return options;
}

function dedupe(vs: { secretName: string; mountPath: string }[]): { secretName: string; mountPath: string }[] {
  return [...new Map(vs.map((v) => [v.mountPath, v])).values()];
}

function globRegex(pattern: string): RegExp {
  return new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );
}
