import { isMap, isScalar } from 'yaml';
import { scalarText } from '../yaml/nodes.js';
import type { K8sAnalysis } from './analyze.js';
import { getPath, seqAt } from './parse.js';
import type { Container, Workload } from './workloads.js';

/** What a container mounts from a ConfigMap or Secret: its name, the mount path and the files it sees there. */
export interface VolumeFiles {
  kind: 'ConfigMap' | 'Secret';
  name: string;
  path: string;
  files: string[];
}

/** The ConfigMaps and Secrets a container mounts as volumes, with the files it sees from each (those of the stack). */
export function volumeFiles(analysis: K8sAnalysis, w: Workload, c: Container): VolumeFiles[] {
  const out: VolumeFiles[] = [];
  for (const m of seqAt(c.node, 'volumeMounts')) {
    const volume = seqAt(w.podSpec, 'volumes').find((v) => scalarText(getPath(v, 'name')) === scalarText(getPath(m, 'name')));
    const configMap = scalarText(getPath(volume, 'configMap', 'name'));
    const secret = scalarText(getPath(volume, 'secret', 'secretName'));
    const kind = configMap ? 'ConfigMap' : secret ? 'Secret' : undefined;
    if (!kind) continue;
    const name = configMap || secret;
    const items = seqAt(volume, kind === 'ConfigMap' ? 'configMap' : 'secret', 'items').map((i) => scalarText(getPath(i, 'path')));
    const source = analysis.resources.find((r) => r.kind === kind && r.name === name && !analysis.dropped.has(r));
    const keys = items.length ? items : dataKeys(source?.root.get('data', true)).concat(dataKeys(source?.root.get('stringData', true)));
    const subPath = scalarText(getPath(m, 'subPath'));
    const path = scalarText(getPath(m, 'mountPath')).replace(/\/+$/, '');
    const files = subPath ? (keys.includes(subPath) ? [path] : []) : keys.map((k) => `${path}/${k}`);
    out.push({ kind, name, path, files });
  }
  return out;
}

function dataKeys(data: unknown): string[] {
  return isMap(data) ? data.items.map((p) => scalarText(p.key)) : [];
}

// Kafka's command-line clients read their client settings from the properties file a flag names
const TOOL_CONFIG =
  /\b(kafka-(?:console-producer|console-consumer|producer-perf-test|consumer-perf-test|verifiable-producer|verifiable-consumer|topics|configs|acls|consumer-groups))(?:\.sh)?\b[^;|&]*?\s--(producer\.config|consumer\.config|command-config)[=\s]+["']?([^\s"';|&]+)/;

/** The Kafka command-line tool a container runs and the properties file it reads its settings from (`--producer.config`). */
export interface ToolConfig {
  tool: string;
  flag: string;
  path: string;
}

export function toolConfigOf(c: Container): ToolConfig | undefined {
  const command = [...seqAt(c.node, 'command'), ...seqAt(c.node, 'args')]
    .map((n) => (isScalar(n) ? scalarText(n) : ''))
    .join(' ')
    .replace(/\\\n/g, ' ');
  const m = TOOL_CONFIG.exec(command);
  return m ? { tool: m[1] ?? '', flag: `--${m[2] ?? ''}`, path: m[3] ?? '' } : undefined;
}
