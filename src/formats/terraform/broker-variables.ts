// Root module variables whose default is an MSK bootstrap list: how a module hands the origin's cluster to its clients.
import { isMskBrokerList } from '../aws/msk-arn.js';
import type { BrokerListShape, TfContext } from './context.js';
import { kid, kids, type Node } from './hcl.js';
import { attribute, attrValue, stringValue } from './parse.js';
import { tfvarsAssignments } from './tfvars.js';

/** The shape of a variable default that is an MSK bootstrap list, or undefined. */
function brokerDefault(value: Node | undefined): BrokerListShape | undefined {
  const text = stringValue(value);
  if (text !== undefined) return isMskBrokerList(text) ? 'string' : undefined;
  const tuple = value ? kid(kid(value, 'collection_value') ?? value, 'tuple') : undefined;
  if (!tuple) return undefined;
  const items = kids(tuple).filter((n) => n.type === 'expression');
  const strings = items.map((n) => stringValue(n));
  return items.length > 0 && strings.every((s) => s !== undefined && isMskBrokerList(s)) ? 'list' : undefined;
}

/**
 * A root module variable whose default is an MSK cluster's bootstrap list (the operator copied it from the cluster's
 * stack), or that a variable definitions file (`terraform.tfvars`) sets to one, carries the origin's cluster to the
 * clients that read it, as a bootstrap look-up does: the variable goes with its assignments, its uses read the
 * customer's bootstrap servers and their clients are configured for the customer's cluster. A module that keeps an
 * MSK cluster (another one bound in graft.yaml) keeps its variables as written.
 */
export function dropBrokerListVariables(ctx: TfContext): void {
  const keptMsk = [...ctx.mod.entities.values()].some(
    (e) => e.kind === 'resource' && /^aws_msk_(serverless_)?cluster$/.test(e.type) && !ctx.dropped.has(e.address),
  );
  if (keptMsk) return;
  const assigned = tfvarsAssignments(ctx.tfvars);
  for (const e of ctx.mod.entities.values()) {
    if (e.kind !== 'variable' || ctx.dropped.has(e.address)) continue;
    const byDefault = brokerDefault(attrValue(attribute(e.body, 'default')));
    const set = byDefault ? undefined : assigned.find((a) => a.name === e.name && brokerDefault(a.value));
    const shape = byDefault ?? brokerDefault(set?.value);
    if (!shape) continue;
    ctx.brokerListVars.set(e.address, shape);
    const where = set ? `its value in ${set.file.source.path.split('/').pop() ?? ''}` : 'its default';
    ctx.dropped.set(
      e.address,
      `${where} is the bootstrap brokers of the origin's MSK cluster; its uses read the customer's bootstrap servers`,
    );
  }
}
