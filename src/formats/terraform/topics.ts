import { firstOfType, kid, kids, type Node } from './hcl.js';
import { attribute, attrValue, stringValue, type TfEntity } from './parse.js';

/** A topic the origin stack declared in Terraform. */
export interface TfTopic {
  name: string;
  partitions?: number;
  replicationFactor?: number;
  configs: Record<string, string>;
}

function literal(node: Node | undefined): string | undefined {
  if (!node) return undefined;
  const s = stringValue(node);
  if (s !== undefined) return s;
  let n: Node | undefined = node;
  while (n && n.type === 'expression') n = kids(n)[0];
  if (n?.type === 'literal_value') return n.text;
  return undefined;
}

function objectElems(expr: Node | undefined): [string, Node][] {
  let n: Node | undefined = expr;
  while (n && (n.type === 'expression' || n.type === 'collection_value')) n = kids(n)[0];
  if (!n || n.type !== 'object') return [];
  return kids(n)
    .filter((e) => e.type === 'object_elem')
    .map((e) => {
      const key = e.childForFieldName('key');
      const val = e.childForFieldName('val');
      const k = key ? (stringValue(key) ?? key.text) : '';
      return [k, val] as [string, Node];
    })
    .filter(([, v]) => v !== null);
}

function configsOf(expr: Node | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!expr) return out;
  // configs = { "retention.ms" = "..." } or jsonencode({ ... })
  const call = firstOfType(expr, 'function_call');
  const obj = call && kid(call, 'identifier')?.text === 'jsonencode' ? kid(kid(call, 'function_arguments')!, 'expression') : expr;
  for (const [k, v] of objectElems(obj)) {
    const val = literal(v);
    if (val !== undefined) out[k] = val;
  }
  return out;
}

function num(node: Node | undefined): number | undefined {
  const v = literal(node);
  return v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined;
}

/** Topics declared by a dropped topic resource, or by the `topics` argument of a dropped Kafka module. */
export function topicsOfEntity(e: TfEntity, isTopicResource: boolean): TfTopic[] {
  if (isTopicResource) {
    const name = stringValue(attrValue(attribute(e.body, 'name') ?? attribute(e.body, 'topic_name')));
    if (name === undefined) return [];
    const parts = attrValue(
      attribute(e.body, 'partitions') ?? attribute(e.body, 'partitions_count') ?? attribute(e.body, 'partition_count'),
    );
    const rf = attrValue(attribute(e.body, 'replication_factor'));
    const configs = configsOf(attrValue(attribute(e.body, 'config') ?? attribute(e.body, 'configs')));
    return [
      {
        name,
        configs,
        ...(num(parts) !== undefined ? { partitions: num(parts)! } : {}),
        ...(num(rf) !== undefined ? { replicationFactor: num(rf)! } : {}),
      },
    ];
  }
  const out: TfTopic[] = [];
  for (const [key, val] of objectElems(attrValue(attribute(e.body, 'topics')))) {
    const fields = new Map(objectElems(val));
    const name = literal(fields.get('name')) ?? key;
    const partitions = num(fields.get('partition_count') ?? fields.get('partitions'));
    const rf = num(fields.get('replication_factor'));
    out.push({
      name,
      configs: configsOf(fields.get('configs') ?? fields.get('config')),
      ...(partitions !== undefined ? { partitions } : {}),
      ...(rf !== undefined ? { replicationFactor: rf } : {}),
    });
  }
  return out;
}
