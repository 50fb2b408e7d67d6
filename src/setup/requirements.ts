import type { Span } from '../core/span.js';
import { customerName, type Requirements } from '../check/requirements.js';
import type { CheckStep } from '../check/types.js';
import { shellWord } from '../handoff/acls.js';
import type { SpecData } from './form.js';

/** One thing the customer creates or grants, with the commands that do it and how the check confirms it. */
export interface RequirementItem {
  id: string;
  title: string;
  commands: string[];
  /** The checklist steps that confirm it: each must have run. */
  probes: string[];
  /** Where it is declared in the requirements file: a finding inside means it is not there yet. */
  span?: Span;
}

/** How far the check confirmed an item. */
export type ItemStatus = 'confirmed' | 'missing' | 'unchecked';

const CC = '--command-config admin.properties';

/**
 * What the requirements ask the customer to create and grant, with the Kafka CLI commands for the cluster the form
 * describes (its bootstrap servers, its topic and group prefixes, its SASL user as the principal).
 */
export function requirementItems(r: Requirements, data: SpecData): RequirementItem[] {
  const bs = data['bootstrapServers'];
  const bootstrap = shellWord((Array.isArray(bs) ? bs.join(',') : typeof bs === 'string' && bs.trim() ? bs : '$BOOTSTRAP').trim());
  const sasl = data['sasl'] as { username?: unknown } | undefined;
  const principal = typeof sasl?.username === 'string' ? shellWord(`User:${sasl.username}`) : '"$PRINCIPAL"';
  const topicPrefix = (data['topics'] as { prefix?: string } | undefined)?.prefix;
  const groupPrefix = (data['groups'] as { prefix?: string } | undefined)?.prefix;
  const acl = (operation: string, resource: string, pattern = 'literal'): string =>
    `kafka-acls.sh --bootstrap-server ${bootstrap} ${CC} --add --allow-principal ${principal} --operation ${operation} ${resource}` +
    (pattern === 'literal' ? '' : ` --resource-pattern-type ${pattern}`);
  const at = (path: (string | number)[]): Span | undefined => r.spans?.at(path);
  const items: RequirementItem[] = [];
  (r.topics ?? []).forEach((t, i) => {
    const name = customerName(t.name, topicPrefix);
    const configs = Object.entries(t.configs ?? {})
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => ` --config ${shellWord(`${k}=${v}`)}`)
      .join('');
    const ops = t.operations ?? ['DESCRIBE'];
    const cap = (op: string): string => op[0] + op.slice(1).toLowerCase();
    items.push({
      id: `topic:${i}`,
      title: `topic ${name}${t.partitions ? `, ${t.partitions} partitions` : ''}; ${ops.join(', ')} for the appliance`,
      commands: [
        `kafka-topics.sh --bootstrap-server ${bootstrap} ${CC} --create --if-not-exists --topic ${shellWord(name)}${t.partitions ? ` --partitions ${t.partitions}` : ''}${configs}`,
        ...ops.map((op) => acl(cap(op), `--topic ${shellWord(name)}`)),
      ],
      probes: ['topics', 'acls'],
      ...optionalSpan(at(['topics', i])),
    });
  });
  (r.groups ?? []).forEach((g, i) => {
    const name = customerName(g, groupPrefix);
    items.push({
      id: `group:${i}`,
      title: `consumer group ${name}: READ for the appliance`,
      commands: [acl('Read', `--group ${shellWord(name)}`)],
      probes: ['acls'],
      ...optionalSpan(at(['groups', i])),
    });
  });
  const txn: [string, string, number][] = [
    ...(r.transactionalIds ?? []).map((id, i): [string, string, number] => [id, 'literal', i]),
    ...(r.transactionalIdPrefixes ?? []).map((p, i): [string, string, number] => [p, 'prefixed', i]),
  ];
  for (const [name, pattern, i] of txn) {
    const key = pattern === 'literal' ? 'transactionalIds' : 'transactionalIdPrefixes';
    items.push({
      id: `${key}:${i}`,
      title: `transactional id${pattern === 'prefixed' ? 's starting with' : ''} ${name}: WRITE and DESCRIBE for the appliance`,
      commands: ['Write', 'Describe'].map((op) => acl(op, `--transactional-id ${shellWord(name)}`, pattern)),
      probes: ['acls'],
      ...optionalSpan(at([key, i])),
    });
  }
  if ((r.cluster ?? []).length > 0) {
    const ops = r.cluster ?? [];
    items.push({
      id: 'cluster',
      title: `cluster operations ${ops.join(', ')} for the appliance`,
      commands: ops.map((op) =>
        acl(
          op
            .split('_')
            .map((w) => w[0] + w.slice(1).toLowerCase())
            .join(''),
          '--cluster',
        ),
      ),
      probes: ['acls'],
      ...optionalSpan(at(['cluster'])),
    });
  }
  return items;
}

function optionalSpan(span: Span | undefined): { span?: Span } {
  return span ? { span } : {};
}

/**
 * What a finished check says about each item: confirmed when every step it needs ran and none of their errors points
 * into the item's declaration; missing when one does; unchecked when a step it needs did not run.
 */
export function itemStatuses(items: readonly RequirementItem[], steps: readonly CheckStep[]): Record<string, ItemStatus> {
  const out: Record<string, ItemStatus> = {};
  for (const item of items) {
    const relevant = steps.filter((s) => item.probes.includes(s.probe));
    const ran = item.probes.every((p) => relevant.some((s) => s.probe === p && s.status !== 'skip'));
    const failed = relevant.some((s) =>
      s.diagnostics.some(
        (d) =>
          d.severity === 'error' &&
          item.span !== undefined &&
          d.subject?.file === item.span.file &&
          d.subject.start >= item.span.start &&
          d.subject.start < item.span.end,
      ),
    );
    out[item.id] = failed ? 'missing' : ran ? 'confirmed' : 'unchecked';
  }
  return out;
}
