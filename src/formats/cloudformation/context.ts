import type { Node } from 'yaml';
import type { Bindings } from '../../bindings/types.js';
import type { Diagnostic } from '../../core/diagnostic.js';
import { handoffName, type Plan, type PlanId, type PlanIdPart } from '../../plan/types.js';
import type { CustomerKafka, SecretValue } from '../../spec/types.js';
import { collectSecrets } from '../../spec/rules.js';
import type { TemplateAnalysis } from './analyze.js';
import type { CfnCode } from './codes.js';
import type { CfnEditor } from './edit.js';
import type { TemplateParameters } from './params.js';
import { spanOf, type Resource } from './parse.js';

/** Shared state while one template is rewritten. */
export interface CfnContext {
  a: TemplateAnalysis;
  ed: CfnEditor;
  spec: CustomerKafka;
  bindings?: Bindings;
  params: TemplateParameters;
  plan: Plan;
  diagnostics: Diagnostic[];
  /** Reference nodes a consumer already rewired or removed. */
  handled: Set<Node>;
  /** Every secret of the spec, for shared parameter names. */
  secrets: SecretValue[];
}

/** Reports a diagnostic at a node of the template. */
export function report(
  ctx: CfnContext,
  code: CfnCode,
  severity: 'error' | 'warning',
  node: Node | undefined,
  message: string,
  help: string,
): void {
  ctx.diagnostics.push({ code, severity, message, help, subject: spanOf(ctx.a.t.source, node) });
}

/** Records a customer secret in the plan, once per name. */
export function noteSecret(ctx: CfnContext, secret: SecretValue, ref: string, user: PlanId): void {
  const name = handoffName(user);
  const existing = ctx.plan.secrets.find((s) => s.specPath === secret.path);
  if (existing) {
    if (!existing.usedBy.includes(name)) {
      existing.usedBy.push(name);
      existing.users?.push(user);
    }
    return;
  }
  ctx.plan.secrets.push({ name: secret.path, ref, specPath: secret.path, usedBy: [name], users: [user] });
}

/** Tells whether a resource is dropped. */
export function isDropped(ctx: CfnContext, r: Resource | string): boolean {
  return ctx.a.dropped.has(typeof r === 'string' ? r : r.id);
}

/** Every secret reference in the spec. */
export function specSecrets(spec: CustomerKafka): SecretValue[] {
  return collectSecrets(spec);
}

/** The structured id of a plan entry about a resource of the template (or one of its containers or parts). */
export function planId(ctx: CfnContext, r: Resource, part: PlanIdPart = {}): PlanId {
  return { format: 'cloudformation', file: ctx.a.t.source.path, kind: r.type, name: r.id, ...part };
}
