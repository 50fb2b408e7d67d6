import { isScalar, isSeq } from 'yaml';
import { imageRole, refineBrokerRole, topicsCreatedBy, type InfraRole } from '../../core/images.js';
import { findEndpointRuns, findUrls } from '../../core/endpoints.js';
import type { CustomerKafka } from '../../spec/types.js';
import {
  listServices,
  readCommandSites,
  readDependsOn,
  readEnv,
  readHostNames,
  readImage,
  type ComposeFile,
  type ComposeService,
  type EnvEntry,
  type StringSite,
} from './parse.js';

/** A service of the stack, merged across the Compose files that define it. */
export interface ServiceInfo {
  name: string;
  /** Every place the service is defined, first file first. */
  defs: ComposeService[];
  image?: string;
  env: EnvEntry[];
  commands: StringSite[];
  hostNames: string[];
  role?: InfraRole;
  /** Topics a kafka-init helper creates. */
  creates: string[];
}

/** Why a service is dropped. */
export interface DropDecision {
  role: InfraRole;
  reason: string;
}

/** What graft found in a Compose stack before rewriting it. */
export interface ComposeAnalysis {
  files: ComposeFile[];
  services: Map<string, ServiceInfo>;
  dropped: Map<string, DropDecision>;
  kafkaHosts: Set<string>;
  registryHosts: Set<string>;
  zookeeperHosts: Set<string>;
  /** Host names of the customer's bootstrap servers, so a compiled stack is recognized again. */
  customerHosts: Set<string>;
  /** Infrastructure kept because something that stays still uses it. */
  kept: { service: string; users: string[] }[];
}

/** Merges the services of all files and decides which ones are embedded Kafka infrastructure to drop. */
export function analyzeCompose(files: ComposeFile[], spec: CustomerKafka): ComposeAnalysis {
  const services = new Map<string, ServiceInfo>();
  for (const file of files) {
    for (const def of listServices(file)) {
      let info = services.get(def.name);
      if (!info) {
        info = { name: def.name, defs: [], env: [], commands: [], hostNames: [], creates: [] };
        services.set(def.name, info);
      }
      info.defs.push(def);
      const image = readImage(def);
      if (image) info.image = image;
      // a later file overrides a variable of an earlier one
      for (const e of readEnv(def)) {
        info.env = info.env.filter((x) => x.key !== e.key);
        info.env.push(e);
      }
      info.commands.push(...readCommandSites(def));
      info.hostNames = [...new Set([...info.hostNames, ...readHostNames(def)])];
    }
  }
  for (const info of services.values()) classify(info);

  const dropped = new Map<string, DropDecision>();
  for (const info of services.values()) {
    const role = info.role;
    if (!role || role === 'zookeeper') continue;
    if (role === 'schema-registry' && !spec.schemaRegistry) continue;
    dropped.set(info.name, { role, reason: reasonFor(info, role) });
  }
  const hostsOf = (roles: InfraRole[]): Set<string> =>
    new Set([...services.values()].filter((s) => s.role && roles.includes(s.role) && dropped.has(s.name)).flatMap((s) => s.hostNames));
  const kafkaHosts = hostsOf(['broker', 'controller']);
  const registryHosts = hostsOf(['schema-registry']);
  addLinkAliases(services, dropped, kafkaHosts);

  // ZooKeeper goes only when nothing that stays still uses it
  const zkServices = [...services.values()].filter((s) => s.role === 'zookeeper');
  const zookeeperHosts = new Set(zkServices.flatMap((s) => s.hostNames));
  const kept: ComposeAnalysis['kept'] = [];
  for (const zk of zkServices) {
    const users = [...services.values()].filter((s) => s !== zk && s.role !== 'zookeeper' && usesService(s, zk, zookeeperHosts));
    const liveUsers = users.filter((u) => !dropped.has(u.name) && !onlyZookeeperSettings(u, zookeeperHosts));
    if (liveUsers.length === 0) {
      dropped.set(zk.name, {
        role: 'zookeeper',
        reason: `image ${zk.image ?? '?'} is ZooKeeper, used only by dropped services${users.length ? ` (${users.map((u) => u.name).join(', ')})` : ''}`,
      });
    } else {
      kept.push({ service: zk.name, users: liveUsers.map((u) => u.name) });
    }
  }
  const customerHosts = new Set(spec.bootstrapServers.map((s) => s.replace(/:\d+$/, '')));
  return { files, services, dropped, kafkaHosts, registryHosts, zookeeperHosts, customerHosts, kept };
}

function classify(info: ServiceInfo): void {
  if (!info.image) return;
  const role = imageRole(info.image);
  if (role !== 'broker') {
    if (role) info.role = role;
    return;
  }
  const env = new Map(info.env.map((e) => [e.key, e.value ?? '']));
  const command = info.commands
    .filter((c) => c.where !== 'healthcheck.test')
    .map((c) => c.value)
    .join('\n');
  const refined = refineBrokerRole(env, command || undefined);
  if (refined) info.role = refined;
  if (info.role === 'kafka-init') info.creates = topicsCreatedBy(command);
}

function reasonFor(info: ServiceInfo, role: InfraRole): string {
  const image = `image ${info.image ?? '?'}`;
  switch (role) {
    case 'broker':
      return `${image} is a Kafka broker`;
    case 'controller':
      return `${image} runs a KRaft controller (process.roles=controller)`;
    case 'kafka-init':
      return `${image} runs a one-shot Kafka tool against the embedded broker${info.creates.length ? ` (creates ${info.creates.join(', ')})` : ''}`;
    case 'schema-registry':
      return `${image} is a schema registry and the customer provides one`;
    case 'zookeeper':
      return `${image} is ZooKeeper`;
  }
}

// `links: [broker:kafka]` makes "kafka" a name of the broker for the linking service
function addLinkAliases(services: Map<string, ServiceInfo>, dropped: Map<string, DropDecision>, kafkaHosts: Set<string>): void {
  for (const s of services.values()) {
    for (const def of s.defs) {
      const links = def.map.get('links', true);
      if (!isSeq(links)) continue;
      for (const item of links.items) {
        if (!isScalar(item)) continue;
        const [target, alias] = String(item.value).split(':');
        const role = target ? dropped.get(target)?.role : undefined;
        if (alias && (role === 'broker' || role === 'controller')) kafkaHosts.add(alias);
      }
    }
  }
}

/** Tells whether a service depends on, links to, or names an endpoint of another service. */
export function usesService(s: ServiceInfo, target: ServiceInfo, targetHosts: ReadonlySet<string>): boolean {
  for (const def of s.defs) {
    if (readDependsOn(def).some((d) => d.name === target.name)) return true;
  }
  const hosts = new Set(target.hostNames.filter((h) => targetHosts.has(h)));
  const values = [...s.env.map((e) => e.value ?? ''), ...s.commands.map((c) => c.value)];
  return values.some((v) => findEndpointRuns(v, hosts).length > 0 || findUrls(v, hosts).length > 0);
}

// REST Proxy and friends carry an obsolete ZooKeeper setting that graft can simply remove
function onlyZookeeperSettings(s: ServiceInfo, zkHosts: ReadonlySet<string>): boolean {
  const refs = s.env.filter((e) => e.value !== undefined && findEndpointRuns(e.value, zkHosts).length > 0);
  const commandRefs = s.commands.filter((c) => findEndpointRuns(c.value, zkHosts).length > 0);
  return commandRefs.length === 0 && refs.every((e) => isZookeeperKey(e.key));
}

/** Tells whether an environment variable configures a ZooKeeper connection. */
export function isZookeeperKey(key: string): boolean {
  return /ZOOKEEPER|(^|_)ZK(_|$)/.test(key);
}
