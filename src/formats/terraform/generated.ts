import { collectSecrets } from '../../spec/rules.js';
import type { CustomerKafka } from '../../spec/types.js';
import { awsSecretOf } from '../aws/secrets.js';
import type { TfVariables } from './variables.js';

const HEADER = '# Written by graft:';

/** `graft_kafka.tf`: the customer's Kafka as variables, and plan-time checks that its secrets exist. */
export function renderGraftFile(
  vars: TfVariables,
  spec: CustomerKafka,
  opts: { only?: ReadonlySet<string>; dataSources?: boolean } = {},
): string {
  const out: string[] = [
    `${HEADER} the customer's Kafka cluster. Values are in graft_kafka.auto.tfvars;`,
    "# secrets stay in the customer's store and are referenced by ARN, never read into state.",
    '',
  ];
  for (const v of vars.list()) {
    if (opts.only && !opts.only.has(v.name)) continue;
    out.push(`variable "${v.name}" {`, `  description = ${JSON.stringify(v.description)}`, `  type        = ${v.type}`);
    if (v.default !== undefined) out.push(`  default     = ${v.default}`);
    out.push('}', '');
  }
  const seen = new Set<string>();
  for (const s of opts.dataSources === false ? [] : collectSecrets(spec)) {
    const name = vars.secretVar(s);
    if (!name || seen.has(name) || awsSecretOf(s.secretRef)?.store !== 'secretsManager') continue;
    seen.add(name);
    const ds = name.replace(/_secret_arn$/, '');
    out.push(
      `# fails at plan time if ${s.path.split('.')[0]} credentials are missing; reads metadata only, never the value`,
      `data "aws_secretsmanager_secret" "${ds}" {`,
      `  arn = var.${name}`,
      '}',
      '',
    );
  }
  return out.join('\n').replace(/\n+$/, '\n');
}

/** `graft_kafka.auto.tfvars`: the non-secret values from the customer spec; unknown ones are left for the customer. */
export function renderTfvars(vars: TfVariables): string {
  const list = vars.list();
  const width = Math.max(...list.filter((v) => v.value !== undefined).map((v) => v.name.length));
  const out = [`${HEADER} values from the customer's Kafka spec. Secret ARNs are references, not secrets.`];
  for (const v of list) {
    if (v.value !== undefined) out.push(`${v.name.padEnd(width)} = ${v.value}`);
    else if (v.default === undefined) out.push(`# ${v.name} = ... (required: the customer sets it)`);
  }
  return out.join('\n') + '\n';
}
