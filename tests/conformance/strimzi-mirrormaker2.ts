import { join } from 'node:path';
import type { ContainerMount } from './compose-service.js';
import { resolveMounts, type Cluster, type K8sObject, type PodContainer } from './k8s-pod.js';
import {
  CUSTOM_AUTH_PREFIXES,
  dict,
  isDict,
  OperatorError,
  str,
  strimziConnectPod,
  type Dict,
  type StrimziConnectPod,
} from './strimzi-connect.js';

// What the Strimzi Cluster Operator makes of a KafkaMirrorMaker2: a Kafka Connect cluster against the target cluster,
// and on it the MirrorMaker 2 connectors, each with the `source.cluster.*` / `target.cluster.*` settings of its two
// clusters. Ported from Strimzi 0.51.0:
// - cluster-operator/src/main/java/io/strimzi/operator/cluster/model/KafkaMirrorMaker2Cluster.java
//   (validateAndUpdateToNewAPI: the v1beta2 layout `connectCluster`/`clusters`/`mirrors[].sourceCluster,targetCluster`
//   turned into the v1 layout `target`/`mirrors[].source`, with `group.id` and the storage topics taken out of the
//   connect cluster's `config`, else `mirrormaker2-cluster[-configs|-offsets|-status]`; buildKafkaConnectSpec: the
//   worker is a KafkaConnect of the target's fields, rendered by strimzi-connect.ts; getVolumeMounts: each cluster's
//   trusted certificates and TLS client certificate under /opt/kafka/mm2-certs/<alias>/<secret>, its SASL password
//   Secret under /opt/kafka/mm2-password/<alias>/<secret>; getEnvVars: KAFKA_MIRRORMAKER_2_CLUSTERS and the
//   per-alias certificate lists),
// - KafkaMirrorMaker2Connectors.java (generateConnectorDefinitions: `<source>-><target>.MirrorSourceConnector`,
//   `.MirrorCheckpointConnector`, `.MirrorHeartbeatConnector` for the connectors a mirror configures;
//   prepareMirrorMaker2ConnectorConfig / addClusterToMirrorMaker2ConnectorConfig: alias, bootstrap servers, PKCS12
//   trust- and keystores under /tmp/kafka/clusters/ with the password from `${strimzienv:MIRRORMAKER_2_CERTS_STORE_PASSWORD}`,
//   SASL through `${strimzidir:/opt/kafka/mm2-password/<alias>/<secret>:<key>}`, `type: custom` options under the
//   allowed prefixes, the security protocol, the cluster's `config`; then the connector's `config`, topics and groups
//   patterns),
// - docker-images/kafka-based/kafka/scripts/kafka_mirror_maker_2_run.sh, kafka_mirror_maker_2_tls_prepare_certificates.sh
//   and tls_utils.sh (the stores the image builds from those variables before the worker starts:
//   strimzi-connect-child.ts `prepareMirrorMaker2Stores`).
// Not ported: OAuth on a MirrorMaker 2 cluster (its connectors' trusted certificates), tracing, rack awareness, metrics.

/** One connector the operator creates (as a KafkaConnector) on the MirrorMaker 2 Connect cluster. */
export interface MirrorMaker2Connector {
  name: string;
  /** The configuration the operator PUTs through Connect's REST API (`connector.class` and `tasks.max` included). */
  config: Record<string, string>;
}

/** The MirrorMaker 2 pod and its connectors. */
export interface StrimziMirrorMaker2Pod {
  /** The Connect worker against the target cluster (its ServiceAccount is `<name>-mirrormaker2`). */
  pod: StrimziConnectPod;
  connectors: MirrorMaker2Connector[];
  /** The KAFKA_MIRRORMAKER_2_* variables of the container, from which the image builds its stores. */
  env: Record<string, string>;
  /** The target's and the sources' aliases. */
  targetAlias: string;
  sourceAliases: string[];
}

const MM2_TLS_CERTS = '/opt/kafka/mm2-certs/';
const MM2_PASSWORD = '/opt/kafka/mm2-password/';
const STORE_ROOT = '/tmp/kafka/clusters/';
const STORE_PASSWORD = '${strimzienv:MIRRORMAKER_2_CERTS_STORE_PASSWORD}';
const CONNECTORS = [
  ['.MirrorSourceConnector', 'sourceConnector'],
  ['.MirrorCheckpointConnector', 'checkpointConnector'],
  ['.MirrorHeartbeatConnector', 'heartbeatConnector'],
] as const;

/** validateAndUpdateToNewAPI: the target and the mirrors (each with its `source`) of either layout. */
function newLayout(spec: Dict): { target: Dict; mirrors: Dict[] } {
  const mirrors = Array.isArray(spec['mirrors']) ? spec['mirrors'].map((m) => structuredClone(dict(m))) : [];
  if (mirrors.length === 0) throw new OperatorError('.spec.mirrors section is required in KafkaMirrorMaker2 resource');
  const clusters = Array.isArray(spec['clusters']) ? spec['clusters'].map((c) => structuredClone(dict(c))) : [];
  let target = isDict(spec['target']) ? structuredClone(spec['target']) : undefined;
  if (!target) {
    const connectCluster = spec['connectCluster'];
    if (connectCluster === undefined || clusters.length === 0)
      throw new OperatorError('Either .spec.target or .spec.connectCluster and .spec.clusters have to be specified');
    const c = clusters.find((x) => str(x['alias']) === str(connectCluster));
    if (!c)
      throw new OperatorError(`connectCluster with alias ${str(connectCluster)} cannot be found in the list of clusters at .spec.clusters`);
    // extractAndRemoveValueFromConfig mutates the cluster's own config: the connectors' target.cluster.* lack them too
    const config = isDict(c['config']) ? c['config'] : undefined;
    const take = (key: string, fallback: string): string => {
      if (!config) return fallback;
      const v = key in config ? str(config[key]) : fallback;
      delete config[key];
      return v;
    };
    target = {
      alias: c['alias'],
      bootstrapServers: c['bootstrapServers'],
      groupId: take('group.id', 'mirrormaker2-cluster'),
      configStorageTopic: take('config.storage.topic', 'mirrormaker2-cluster-configs'),
      offsetStorageTopic: take('offset.storage.topic', 'mirrormaker2-cluster-offsets'),
      statusStorageTopic: take('status.storage.topic', 'mirrormaker2-cluster-status'),
      ...(c['tls'] !== undefined ? { tls: c['tls'] } : {}),
      ...(c['authentication'] !== undefined ? { authentication: c['authentication'] } : {}),
      config: config ?? {},
    };
  }
  const aliases = new Set([str(target['alias'])]);
  for (const m of mirrors) {
    if (m['source'] === undefined && m['sourceCluster'] === undefined)
      throw new OperatorError(
        'Both .spec.mirrors[].source and .spec.mirrors[].sourceCluster are missing. Cannot determine source cluster.',
      );
    if (m['targetCluster'] !== undefined && str(m['targetCluster']) !== str(target['alias']))
      throw new OperatorError('The .spec.mirrors[].targetCluster alias is not the same as the actual target cluster alias.');
    if (m['source'] === undefined) {
      const source = clusters.find((x) => str(x['alias']) === str(m['sourceCluster']));
      if (!source)
        throw new OperatorError('.spec.mirrors[].sourceCluster is set to an non-existent alias. Cannot determine source cluster.');
      m['source'] = source;
    }
    aliases.add(str(dict(m['source'])['alias']));
    delete m['sourceCluster'];
    delete m['targetCluster'];
  }
  if (aliases.size !== mirrors.length + 1) throw new OperatorError('The target and source cluster aliases must be unique.');
  return { target, mirrors };
}

/** addClusterToMirrorMaker2ConnectorConfig. */
function clusterConfig(config: Record<string, string>, cluster: Dict, prefix: string): void {
  const alias = str(cluster['alias']);
  config[`${prefix}alias`] = alias;
  config[`${prefix}bootstrap.servers`] = str(cluster['bootstrapServers']);
  let protocol = 'PLAINTEXT';
  const tls = cluster['tls'];
  if (isDict(tls)) {
    if (Array.isArray(tls['trustedCertificates']) && tls['trustedCertificates'].length > 0) {
      config[`${prefix}ssl.truststore.type`] = 'PKCS12';
      config[`${prefix}ssl.truststore.location`] = `${STORE_ROOT}${alias}.truststore.p12`;
      config[`${prefix}ssl.truststore.password`] = STORE_PASSWORD;
    }
    protocol = 'SSL';
  }
  const auth = cluster['authentication'];
  if (isDict(auth)) {
    const type = str(auth['type']);
    if (type === 'tls') {
      config[`${prefix}ssl.keystore.type`] = 'PKCS12';
      config[`${prefix}ssl.keystore.location`] = `${STORE_ROOT}${alias}.keystore.p12`;
      config[`${prefix}ssl.keystore.password`] = STORE_PASSWORD;
    } else if (type === 'plain' || type === 'scram-sha-256' || type === 'scram-sha-512') {
      protocol = isDict(tls) ? 'SASL_SSL' : 'SASL_PLAINTEXT';
      config[`${prefix}sasl.mechanism`] = type === 'plain' ? 'PLAIN' : type.toUpperCase();
      const ps = dict(auth['passwordSecret']);
      const password = `\${strimzidir:${MM2_PASSWORD}${alias}/${str(ps['secretName'])}:${str(ps['password'])}}`;
      const module =
        type === 'plain'
          ? 'org.apache.kafka.common.security.plain.PlainLoginModule'
          : 'org.apache.kafka.common.security.scram.ScramLoginModule';
      // AuthenticationUtils.jaasConfig over Map.of(username, password) (whose order Java leaves open; either parses alike)
      config[`${prefix}sasl.jaas.config`] = jaasConfig(module, [
        ['username', str(auth['username'])],
        ['password', password],
      ]);
    } else if (type === 'custom') {
      if (auth['sasl'] === true) protocol = protocol === 'SSL' ? 'SASL_SSL' : 'SASL_PLAINTEXT';
      for (const [k, v] of Object.entries(dict(auth['config'])))
        if (CUSTOM_AUTH_PREFIXES.some((p) => k.toLowerCase().startsWith(p))) config[`${prefix}${k}`] = str(v);
    } else {
      throw new OperatorError(`MirrorMaker 2 authentication type ${type} is not ported`);
    }
  }
  config[`${prefix}security.protocol`] = protocol;
  for (const [k, v] of Object.entries(dict(cluster['config']))) config[`${prefix}${k}`] = str(v);
}

/** AuthenticationUtils.jaasConfig: `module required k="v" …;`. */
function jaasConfig(module: string, options: [string, string][]): string {
  return `${module} required ${options.map(([k, v]) => `${k}="${v}"`).join(' ')};`;
}

/** Renders a KafkaMirrorMaker2 (v1beta2 or v1 layout) as Strimzi 0.51.0's operator would. */
export function strimziMirrorMaker2Pod(mm2: K8sObject, cluster: Cluster, dir: string): StrimziMirrorMaker2Pod {
  const meta = dict(mm2.metadata);
  const name = str(meta['name']);
  const namespace = str(meta['namespace']) || 'default';
  const { target, mirrors } = newLayout(dict(mm2['spec']));
  // buildKafkaConnectSpec: the worker is the target's KafkaConnect
  const connect: K8sObject = {
    apiVersion: 'kafka.strimzi.io/v1',
    kind: 'KafkaConnect',
    metadata: { name, namespace },
    spec: {
      bootstrapServers: target['bootstrapServers'],
      groupId: target['groupId'],
      configStorageTopic: target['configStorageTopic'],
      offsetStorageTopic: target['offsetStorageTopic'],
      statusStorageTopic: target['statusStorageTopic'],
      ...(target['tls'] !== undefined ? { tls: target['tls'] } : {}),
      ...(target['authentication'] !== undefined ? { authentication: target['authentication'] } : {}),
      config: target['config'] ?? {},
    },
  };
  const worker = strimziConnectPod(connect, cluster, join(dir, 'connect'));
  // the pods run as `<name>-mirrormaker2` (KafkaMirrorMaker2Resources.serviceAccountName), whose Role the operator
  // binds as `<name>-mirrormaker2-role`
  const account = `${name}-mirrormaker2`;
  const operatorRbac = worker.operatorRbac.map((o) =>
    o.kind === 'RoleBinding'
      ? {
          ...o,
          metadata: { name: `${account}-role`, namespace },
          subjects: [{ kind: 'ServiceAccount', name: account, namespace }],
          roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: account },
        }
      : { ...o, metadata: { name: account, namespace } },
  );

  // each cluster's Secret volumes and the certificate lists the image reads
  const clusters = [target, ...mirrors.map((m) => dict(m['source']))];
  const volumes: { name: string; secretName: string; mountPath: string }[] = [];
  const env: Record<string, string> = { KAFKA_MIRRORMAKER_2_CLUSTERS: clusters.map((c) => str(c['alias'])).join(';') };
  const trusted: string[] = [];
  const authCerts: string[] = [];
  const authKeys: string[] = [];
  for (const c of clusters) {
    const alias = str(c['alias']);
    const tls = dict(c['tls']);
    const certs = Array.isArray(tls['trustedCertificates']) ? tls['trustedCertificates'].map(dict) : [];
    for (const t of certs)
      volumes.push({
        name: `${alias}-${str(t['secretName'])}`,
        secretName: str(t['secretName']),
        mountPath: `${MM2_TLS_CERTS}${alias}/${str(t['secretName'])}`,
      });
    if (certs.length > 0)
      trusted.push(`${alias}=${certs.map((t) => `${str(t['secretName'])}/${str(t['certificate'] ?? t['pattern'])}`).join(';')}`);
    const auth = dict(c['authentication']);
    const type = str(auth['type']);
    if (type === 'tls' && isDict(auth['certificateAndKey'])) {
      const ck = dict(auth['certificateAndKey']);
      const secret = str(ck['secretName']);
      volumes.push({ name: `${alias}-${secret}`, secretName: secret, mountPath: `${MM2_TLS_CERTS}${alias}/${secret}` });
      authCerts.push(`${alias}=${secret}/${str(ck['certificate'])}`);
      authKeys.push(`${alias}=${secret}/${str(ck['key'])}`);
    } else if (type === 'plain' || type === 'scram-sha-256' || type === 'scram-sha-512') {
      const secret = str(dict(auth['passwordSecret'])['secretName']);
      volumes.push({ name: `${alias}-${secret}`, secretName: secret, mountPath: `${MM2_PASSWORD}${alias}/${secret}` });
    }
  }
  if (trusted.length > 0) env['KAFKA_MIRRORMAKER_2_TRUSTED_CERTS_CLUSTERS'] = trusted.join('\n');
  if (authCerts.length > 0) {
    env['KAFKA_MIRRORMAKER_2_TLS_AUTH_CLUSTERS'] = 'true';
    env['KAFKA_MIRRORMAKER_2_TLS_AUTH_CERTS_CLUSTERS'] = authCerts.join('\n');
    env['KAFKA_MIRRORMAKER_2_TLS_AUTH_KEYS_CLUSTERS'] = authKeys.join('\n');
  }
  const unique = [...new Map(volumes.map((v) => [v.mountPath, v])).values()];
  const pc: PodContainer = {
    workload: `StrimziPodSet/${namespace}/${account}`,
    kind: 'StrimziPodSet',
    name: account,
    namespace,
    labels: {},
    template: {
      metadata: {},
      spec: { volumes: unique.map((v) => ({ name: v.name, secret: { secretName: v.secretName, defaultMode: 0o440 } })) },
    },
    container: { volumeMounts: unique.map((v) => ({ name: v.name, mountPath: v.mountPath })) },
  };
  const mounts: ContainerMount[] = [...worker.mounts, ...resolveMounts(pc, cluster, join(dir, 'mm2-volumes'), {})];

  // generateConnectorDefinitions
  const targetAlias = str(target['alias']);
  const connectors: MirrorMaker2Connector[] = [];
  for (const m of mirrors) {
    const source = dict(m['source']);
    for (const [suffix, field] of CONNECTORS) {
      if (!isDict(m[field])) continue;
      const spec = dict(m[field]);
      const config: Record<string, string> = {};
      clusterConfig(config, target, 'target.cluster.');
      clusterConfig(config, source, 'source.cluster.');
      for (const [k, v] of Object.entries(dict(spec['config']))) config[k] = str(v);
      if (m['topicsPattern'] !== undefined) config['topics'] = str(m['topicsPattern']);
      const topicsExclude = m['topicsExcludePattern'] ?? m['topicsBlacklistPattern'];
      if (topicsExclude !== undefined) config['topics.exclude'] = str(topicsExclude);
      if (m['groupsPattern'] !== undefined) config['groups'] = str(m['groupsPattern']);
      const groupsExclude = m['groupsExcludePattern'] ?? m['groupsBlacklistPattern'];
      if (groupsExclude !== undefined) config['groups.exclude'] = str(groupsExclude);
      // the KafkaConnector's className and tasksMax, as the operator's connector reconcile sends them
      config['connector.class'] = `org.apache.kafka.connect.mirror${suffix}`;
      if (spec['tasksMax'] !== undefined) config['tasks.max'] = str(spec['tasksMax']);
      connectors.push({ name: `${str(source['alias'])}->${targetAlias}${suffix}`, config });
    }
  }
  return {
    pod: { ...worker, operatorRbac, mounts },
    connectors,
    env,
    targetAlias,
    sourceAliases: mirrors.map((m) => str(dict(m['source'])['alias'])),
  };
}
