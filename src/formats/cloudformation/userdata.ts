import { isScalar, visit, type Node } from 'yaml';
import { report, type CfnContext } from './context.js';
import { mapAt } from './parse.js';

const PROTOCOL = /\bsecurity\.protocol\s*=\s*([A-Za-z_]+)/;
const MECHANISM = /\bsasl\.mechanism\s*=\s*([A-Za-z0-9_-]+)/;

/**
 * A kept EC2 instance or launch template whose UserData script writes Kafka client security settings of its own
 * (`security.protocol=…`, `sasl.mechanism=…` into a client.properties) in a template whose MSK cluster graft drops: the
 * host is the stack's Kafka client, set up for the dropped cluster. Where those settings are not the customer's, graft
 * cannot rewrite a shell script, so the compile stops at the line; where they are (an IAM script for an IAM customer),
 * the host keeps working with the customer's cluster and nothing is said.
 */
export function checkUserDataClients(ctx: CfnContext, touched: boolean): void {
  const { a, spec } = ctx;
  if (!touched) return;
  for (const r of a.t.resources) {
    if (a.dropped.has(r.id)) continue;
    const props = mapAt(r.node, 'Properties');
    const userData = props?.get('UserData', true) ?? mapAt(r.node, 'Properties', 'LaunchTemplateData')?.get('UserData', true);
    if (!userData || typeof userData !== 'object') continue;
    let hit: { node: Node; protocol?: string; mechanism?: string } | undefined;
    visit(userData, {
      Scalar(_, n) {
        if (hit || typeof n.value !== 'string') return;
        const protocol = PROTOCOL.exec(n.value)?.[1]?.toUpperCase();
        const mechanism = MECHANISM.exec(n.value)?.[1]?.toUpperCase();
        if (protocol || mechanism) hit = { node: n, ...(protocol ? { protocol } : {}), ...(mechanism ? { mechanism } : {}) };
      },
    });
    if (!hit || !isScalar(hit.node)) continue;
    const customerMechanism = spec.sasl?.mechanism;
    const protocolDiffers = hit.protocol !== undefined && hit.protocol !== spec.securityProtocol;
    const mechanismDiffers = hit.mechanism !== undefined ? hit.mechanism !== customerMechanism : customerMechanism !== undefined;
    if (!protocolDiffers && !mechanismDiffers) continue;
    const theirs = [hit.protocol, hit.mechanism].filter(Boolean).join(' with ');
    const customer = spec.securityProtocol + (customerMechanism ? ` with ${customerMechanism}` : '');
    report(
      ctx,
      'CFN_USERDATA_CLIENT_SECURITY',
      'error',
      hit.node,
      `resource ${r.id} is a Kafka client host: its UserData script writes client settings for the dropped cluster (${theirs}), which graft cannot rewrite in a shell script for the customer's cluster (${customer})`,
      "remove the instance (or the script's Kafka client setup) before compiling, and run such tools against the customer's cluster with the settings the handoff lists",
    );
  }
}
