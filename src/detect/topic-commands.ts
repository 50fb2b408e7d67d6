/** A topic a helper command creates, with the settings the command gives it. */
export interface TopicCreation {
  name: string;
  partitions?: number;
  replicationFactor?: number;
  configs: Record<string, string>;
  /** The tool that created it. */
  tool: 'kafka-topics' | 'rpk';
}

/** What a helper's command creates, plus create commands whose topic name graft cannot read. */
export interface TopicCommands {
  topics: TopicCreation[];
  /** The create commands left out, e.g. `kafka-topics.sh --create --topic $TOPIC`. */
  unparsed: string[];
}

const NAME = /^[A-Za-z0-9._-]{1,249}$/;
const KAFKA_TOPICS = /kafka-topics(?:\.sh)?\b/;
const RPK_CREATE = /\brpk\s+topic\s+create\b/;

// `bash -c "a && b"`: quotes are not shell-parsed, only stripped from each word
const words = (s: string): string[] =>
  s
    .split(/\s+/)
    .map((w) => w.replace(/^["']+|["']+$/g, ''))
    .filter((w) => w.length > 0);

function flagValue(ws: string[], i: number, flag: string): { value?: string; next: number } | undefined {
  const w = ws[i] ?? '';
  if (w === flag) return { value: ws[i + 1], next: i + 1 };
  if (w.startsWith(`${flag}=`)) return { value: w.slice(flag.length + 1), next: i };
  return undefined;
}

const int = (v: string | undefined): number | undefined => (v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined);

function addConfig(configs: Record<string, string>, kv: string | undefined): void {
  const eq = kv?.indexOf('=') ?? -1;
  if (kv && eq > 0) configs[kv.slice(0, eq)] = kv.slice(eq + 1);
}

function parseKafkaTopics(ws: string[]): TopicCreation | 'unparsed' | undefined {
  if (!ws.includes('--create')) return undefined;
  const t: TopicCreation = { name: '', configs: {}, tool: 'kafka-topics' };
  for (let i = 0; i < ws.length; i++) {
    const topic = flagValue(ws, i, '--topic');
    const parts = flagValue(ws, i, '--partitions');
    const rf = flagValue(ws, i, '--replication-factor');
    const config = flagValue(ws, i, '--config');
    const hit = topic ?? parts ?? rf ?? config;
    if (!hit) continue;
    if (topic) t.name = topic.value ?? '';
    else if (parts) t.partitions = int(parts.value);
    else if (rf) t.replicationFactor = int(rf.value);
    else addConfig(t.configs, config?.value);
    i = hit.next;
  }
  if (t.partitions === undefined) delete t.partitions;
  if (t.replicationFactor === undefined) delete t.replicationFactor;
  return NAME.test(t.name) ? t : 'unparsed';
}

function parseRpkCreate(ws: string[]): TopicCreation[] {
  const names: string[] = [];
  let flags = false;
  const shared: Omit<TopicCreation, 'name'> = { configs: {}, tool: 'rpk' };
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i] ?? '';
    if (!w.startsWith('-')) {
      if (!flags && NAME.test(w)) names.push(w);
      continue;
    }
    flags = true;
    const parts = flagValue(ws, i, '-p') ?? flagValue(ws, i, '--partitions');
    const rf = flagValue(ws, i, '-r') ?? flagValue(ws, i, '--replicas');
    const config = flagValue(ws, i, '-c') ?? flagValue(ws, i, '--topic-config');
    if (parts) shared.partitions = int(parts.value);
    else if (rf) shared.replicationFactor = int(rf.value);
    else if (config) addConfig(shared.configs, config.value);
    i = (parts ?? rf ?? config)?.next ?? i;
  }
  if (shared.partitions === undefined) delete shared.partitions;
  if (shared.replicationFactor === undefined) delete shared.replicationFactor;
  return names.map((name) => ({ name, ...shared, configs: { ...shared.configs } }));
}

/**
 * Reads the topics a helper's command creates: `kafka-topics[.sh] --create --topic X --partitions N
 * --replication-factor R --config k=v` and `rpk topic create X Y -p N -r R -c k=v`, one command per
 * line or `;` / `&&` / `|` segment. A topic created twice keeps its first settings.
 */
export function parseTopicCommands(command: string): TopicCommands {
  const byName = new Map<string, TopicCreation>();
  const unparsed: string[] = [];
  for (const segment of command.replace(/\\\r?\n/g, ' ').split(/[\n;&|]/)) {
    const k = KAFKA_TOPICS.exec(segment);
    const r = RPK_CREATE.exec(segment);
    const found: TopicCreation[] = [];
    if (k) {
      const t = parseKafkaTopics(words(segment.slice(k.index + k[0].length)));
      if (t === 'unparsed') unparsed.push(segment.trim());
      else if (t) found.push(t);
    } else if (r) {
      const ts = parseRpkCreate(words(segment.slice(r.index + r[0].length)));
      if (ts.length === 0) unparsed.push(segment.trim());
      found.push(...ts);
    }
    for (const t of found) if (!byName.has(t.name)) byName.set(t.name, t);
  }
  return { topics: [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : 1)), unparsed };
}
