import { posix } from 'node:path';
import type { Emission } from '../../clients/types.js';
import type { Edit } from '../../core/edit.js';
import type { Span } from '../../core/span.js';
import { staleSecuritySettings } from '../../configure/security-surface.js';
import { editProperties } from '../properties/edit.js';
import { parseProperties, type PropertyEntry } from '../properties/parse.js';
import { volumeEntries, type ComposeService } from './parse.js';

import type { StackReader } from '../types.js';

/** Finds the stack file bind-mounted at a container path (`./config/app.properties:/etc/app/app.properties`). */
export function boundFile(service: ComposeService, target: string): string | undefined {
  for (const { source, target: dest } of volumeEntries(service)) {
    if (!source.startsWith('.')) continue;
    if (dest === target) return posix.normalize(source);
    // a mounted directory that contains the file
    if (target.startsWith(dest.replace(/\/?$/, '/')))
      return posix.normalize(posix.join(source, target.slice(dest.replace(/\/?$/, '/').length)));
  }
  return undefined;
}

/** Turns a properties emission into edits of the vendor's file, or says why it cannot. */
export function editBoundProperties(
  service: ComposeService,
  props: NonNullable<Emission['properties']>,
  read: StackReader,
  /** Applies the customer's naming to the file's topic and group settings, adding renamed values to `set`. */
  naming?: (current: Map<string, PropertyEntry>, set: Record<string, string>, file: string) => void,
): { edits: Edit[]; file?: string; removed: { key: string; at: Span }[]; problem?: { code: string; message: string; help: string } } {
  const rel = boundFile(service, props.file);
  const source = rel ? read(rel) : undefined;
  if (!rel || !source) {
    return {
      edits: [],
      removed: [],
      problem: {
        code: 'COMPOSE_CONFIG_FILE_NOT_IN_STACK',
        message: `service "${service.name}" reads ${props.file}, but the stack does not bind-mount it from a file graft can edit`,
        help: `mount it from the stack (volumes: - ./${posix.basename(props.file)}:${props.file}) or bind the service's settings as family env`,
      },
    };
  }
  const set: Record<string, string> = {};
  for (const [k, v] of Object.entries(props.set)) {
    if (typeof v !== 'string') {
      return {
        edits: [],
        removed: [],
        problem: {
          code: 'COMPOSE_CONFIG_FILE_NOT_IN_STACK',
          message: `service "${service.name}" would need a secret's value written into ${props.file} (${k}); graft never writes secret values`,
          help: 'bind the setting through an environment variable (family env) instead',
        },
      };
    }
    set[k] = v;
  }
  // the vendor's own providers stay beside graft's (`env` becomes `env,secrets`)
  const current = parseProperties(source);
  const list = current.get('config.providers')?.value;
  if (set['config.providers'] !== undefined && list) {
    const aliases = [...new Set([...list.split(','), ...set['config.providers'].split(',')].map((s) => s.trim()).filter(Boolean))];
    set['config.providers'] = aliases.join(',');
  }
  for (const [key, value] of Object.entries(set)) {
    const had = key.startsWith('config.providers.') ? current.get(key)?.value : undefined;
    if (had !== undefined && had.trim() !== value) {
      return {
        edits: [],
        removed: [],
        problem: {
          code: 'CLIENT_CONFIG_PROVIDER_CONFLICT',
          message: `service "${service.name}" already sets ${key}=${had.trim()} in ${props.file}`,
          help: `rename that provider in the vendor's file; graft reads mounted secrets through ${key}=${value}`,
        },
      };
    }
  }
  // librdkafka's older name for the bootstrap keeps its place
  if (set['bootstrap.servers'] !== undefined && current.has('metadata.broker.list') && !current.has('bootstrap.servers')) {
    set['metadata.broker.list'] = set['bootstrap.servers'];
    delete set['bootstrap.servers'];
  }
  naming?.(current, set, source.path);
  // the origin's own security settings for the bundled Kafka would sit beside the customer's
  const stale = staleSecuritySettings(
    props.format === 'java' ? 'java-properties' : 'librdkafka-properties',
    current.keys(),
    Object.keys(set),
  );
  return {
    edits: editProperties(source, set, stale),
    file: source.path,
    removed: stale.map((key) => ({ key, at: current.get(key)?.keySpan ?? { file: source.path, start: 0, end: 0 } })),
  };
}
