import { findEndpointRuns } from '../../core/endpoints.js';
import { k8sHostSuffix } from '../../core/endpoints.js';
import { planId, type TfContext } from './context.js';
import type { Node } from './hcl.js';
import { attribute, attrValue, stringValue, type TfEntity } from './parse.js';

/** Service names under which an in-cluster Kafka that Terraform installed (Helm chart, Strimzi resource) is reached. */
export function droppedHosts(ctx: TfContext): Set<string> {
  const hosts = new Set<string>();
  for (const address of ctx.dropped.keys()) {
    const e = ctx.mod.entities.get(address);
    if (!e || e.kind !== 'resource') continue;
    if (e.type === 'helm_release') {
      const name = stringValue(attrValue(attribute(e.body, 'name')));
      if (!name) continue;
      for (const h of [name, `${name}-kafka`, `${name}-kafka-headless`, `${name}-kafka-bootstrap`, `${name}-redpanda`]) hosts.add(h);
    }
    if (e.type === 'kubernetes_manifest') {
      const name = /metadata\s*=\s*\{[^}]*?name\s*=\s*"([a-z0-9-]+)"/s.exec(e.node.text)?.[1];
      if (name) for (const h of [`${name}-kafka-bootstrap`, `${name}-kafka-brokers`, name]) hosts.add(h);
    }
  }
  return hosts;
}

/** Endpoint runs naming the dropped in-cluster Kafka inside a string literal. */
export function hostRuns(hosts: ReadonlySet<string>, literal: Node): { start: number; end: number; text: string }[] {
  return findEndpointRuns(literal.text, hosts, k8sHostSuffix(hosts)).map((r) => ({
    start: literal.startIndex + r.start,
    end: literal.startIndex + r.end,
    text: r.text,
  }));
}

/** Rewrites `host:port` lists of the dropped in-cluster Kafka in kept string literals to the customer's bootstrap variable. */
export function rewireHosts(ctx: TfContext, hosts: ReadonlySet<string>): void {
  if (hosts.size === 0) return;
  for (const e of ctx.mod.entities.values()) {
    if (ctx.dropped.has(e.address)) continue;
    const matched: string[] = [];
    for (const lit of e.node.descendantsOfType('template_literal')) {
      if (!lit || ctx.ed.isRemoved(e.file, lit.startIndex)) continue;
      const str = lit.parent;
      for (const run of hostRuns(hosts, lit)) {
        matched.push(run.text);
        // a string that is only the address becomes the variable itself
        const whole =
          str?.type === 'string_lit' && str.namedChildren.length === 3 && run.start === lit.startIndex && run.end === lit.endIndex;
        if (whole) ctx.ed.replace(e.file, str.startIndex, str.endIndex, ctx.vars.ref('bootstrap_servers'));
        else ctx.ed.replace(e.file, run.start, run.end, `\${${ctx.vars.ref('bootstrap_servers')}}`);
      }
    }
    if (matched.length) recordHostRewire(ctx, e, matched);
  }
}

function recordHostRewire(ctx: TfContext, e: TfEntity, matched: string[]): void {
  ctx.plan.rewired.push({
    service: e.address,
    id: planId(e),
    family: 'reference',
    matched,
    changed: matched.map((m) => `${m} → \${var.graft_kafka_bootstrap_servers}`),
    notes: [],
    at: { file: e.file.source.path, start: e.node.startIndex, end: e.node.endIndex },
  });
}
