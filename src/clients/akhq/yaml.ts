import { isMap, isScalar, parseDocument, type Document, type YAMLMap } from 'yaml';
import { staleSecuritySettings } from '../../configure/security-surface.js';
import type { ProvidersNow } from '../java-common/config-providers.js';
import { bootstrapValue, pointsAtCustomer } from '../common.js';
import type { EmitContext } from '../types.js';

/** What to write into each AKHQ connection that points at the customer's cluster. */
export interface ConnectionSettings {
  /** Kafka client properties (already escaped for Micronaut). */
  properties: Record<string, string>;
  /** Computes the config.providers settings from those the connection declares, when secrets use them. */
  providers: ((now: ProvidersNow) => Record<string, string>) | undefined;
  schemaRegistry?: { url: string; username?: string; password?: string; properties: Record<string, string> };
}

/** The edited YAML, the connections it changed and the origin settings it removed, or why it could not be edited. */
export type AkhqEdit = { text: string; connections: string[]; removed: string[] } | { error: string };

const CONNECTIONS = ['akhq', 'connections'];

function stringAt(map: YAMLMap | undefined, key: string): string | undefined {
  const v: unknown = map?.get(key);
  return typeof v === 'string' ? v : undefined;
}

function chooseConnections(ctx: EmitContext, connections: YAMLMap): string[] {
  const names: string[] = [];
  const rewired: string[] = [];
  for (const item of connections.items) {
    const name = isScalar(item.key) ? String(item.key.value) : String(item.key);
    names.push(name);
    const props = isMap(item.value) ? item.value.get('properties') : undefined;
    if (pointsAtCustomer(ctx, isMap(props) ? stringAt(props, 'bootstrap.servers') : undefined)) rewired.push(name);
  }
  return rewired.length > 0 ? rewired : names;
}

function editConnection(ctx: EmitContext, doc: Document, name: string, s: ConnectionSettings, removed: string[]): void {
  const path = [...CONNECTIONS, name, 'properties'];
  const existing = doc.getIn(path);
  const props = isMap(existing) ? existing : undefined;
  if (props) {
    // the connection's own security settings for the dropped cluster must not linger next to the customer's
    const keyOf = (k: unknown): string => (isScalar(k) ? String(k.value) : String(k));
    const stale = new Set(
      staleSecuritySettings(
        'akhq',
        props.items.map((i) => keyOf(i.key)),
        Object.keys(s.properties),
      ),
    );
    for (const item of [...props.items]) {
      if (!stale.has(keyOf(item.key))) continue;
      props.delete(item.key);
      removed.push(`${name}: ${keyOf(item.key)}`);
    }
  }
  doc.setIn([...path, 'bootstrap.servers'], bootstrapValue(ctx, stringAt(props, 'bootstrap.servers')));
  for (const [k, v] of Object.entries(s.properties)) doc.setIn([...path, k], v);
  if (s.providers) {
    const now = { list: stringAt(props, 'config.providers'), secretsClass: stringAt(props, 'config.providers.secrets.class') };
    for (const [k, v] of Object.entries(s.providers(now))) doc.setIn([...path, k], v);
  }
  const sr = s.schemaRegistry;
  if (!sr) return;
  const srPath = [...CONNECTIONS, name, 'schema-registry'];
  doc.setIn([...srPath, 'url'], sr.url);
  if (sr.username !== undefined) doc.setIn([...srPath, 'basic-auth-username'], sr.username);
  if (sr.password !== undefined) doc.setIn([...srPath, 'basic-auth-password'], sr.password);
  for (const [k, v] of Object.entries(sr.properties)) doc.setIn([...srPath, 'properties', k], v);
}

/** Edits the connections of AKHQ's YAML that point at the dropped cluster (all of them when none was rewired). */
export function editAkhqYaml(ctx: EmitContext, text: string, settings: ConnectionSettings): AkhqEdit {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) return { error: doc.errors[0]?.message.split('\n')[0] ?? 'invalid YAML' };
  const connections = doc.getIn(CONNECTIONS);
  if (!isMap(connections) || connections.items.length === 0) return { error: 'it declares no akhq.connections' };
  const names = chooseConnections(ctx, connections);
  const removed: string[] = [];
  for (const name of names) editConnection(ctx, doc, name, settings, removed);
  return { text: doc.toString({ lineWidth: 0 }), connections: names, removed };
}
