import { describeClusterV1, describeTransactionsV0, offsetCommitV9, type Connection } from '@platformatic/kafka';
import type { Span } from '../../core/span.js';
import type { CheckCode } from '../codes.js';
import type { CheckContext, StepResult, StepScope } from '../context.js';
import { send } from '../kafka.js';
import { customerName } from '../requirements.js';
import type { ClusterFacts } from './metadata.js';
import type { Creatable } from './topics.js';

/** Kafka AclOperation codes: bit n of an authorized-operations field allows operation n. */
const OPS = {
  READ: 3,
  WRITE: 4,
  CREATE: 5,
  DELETE: 6,
  ALTER: 7,
  DESCRIBE: 8,
  CLUSTER_ACTION: 9,
  DESCRIBE_CONFIGS: 10,
  ALTER_CONFIGS: 11,
  IDEMPOTENT_WRITE: 12,
} as const;
const TOPIC_CODES: Record<string, CheckCode> = {
  READ: 'CHECK_ACL_TOPIC_READ',
  WRITE: 'CHECK_ACL_TOPIC_WRITE',
  DESCRIBE: 'CHECK_ACL_TOPIC_DESCRIBE',
  CREATE: 'CHECK_ACL_TOPIC_CREATE',
};
const GROUP_AUTHORIZATION_FAILED = 30;
const TRANSACTIONAL_ID_AUTHORIZATION_FAILED = 53;
/** A topic name with spaces can never exist, so a commit to it can never store an offset. */
const IMPOSSIBLE_TOPIC = 'graft check probe (never exists)';
/** Appended to a transactional-id prefix to name an id under it. */
const PREFIX_PROBE = 'graft-check-probe';

const allows = (bits: number, op: keyof typeof OPS): boolean => bits !== -2147483648 && (bits & (1 << OPS[op])) !== 0;

/** Authorization without side effects: topic operations from Metadata, group READ, transactional ids, cluster operations. */
export async function probeAcls(
  ctx: CheckContext,
  s: StepScope,
  conn: Connection,
  facts: ClusterFacts,
  creatable: Creatable,
  bootstrap: string,
): Promise<StepResult<void>> {
  const r = ctx.requirements;
  const prefix = ctx.spec.topics?.prefix;
  const principal = ctx.principal;
  const aclHint = (op: string, kind: string, name: string): string =>
    `kafka-acls.sh --bootstrap-server ${bootstrap} --add --allow-principal '${principal.startsWith('User:') ? principal : 'User:<principal>'}' --operation ${op} --${kind} ${name}`;
  let checked = 0;
  (r.topics ?? []).forEach((t, i) => {
    const name = customerName(t.name, prefix);
    const md = facts.topics.get(name);
    const bits = md?.topicAuthorizedOperations ?? -2147483648;
    const span: Span | undefined = r.spans?.at(['topics', i, 'operations']);
    for (const op of t.operations ?? ['DESCRIBE']) {
      checked++;
      const ok = op === 'CREATE' ? creatable.has(name) && creatable.get(name) === undefined : allows(bits, op);
      if (!ok) {
        const verb = { READ: 'consume from', WRITE: 'produce to', DESCRIBE: 'see', CREATE: 'create' }[op];
        s.error(
          TOPIC_CODES[op] ?? 'CHECK_ACL_TOPIC_DESCRIBE',
          `${principal} may not ${op} topic ${name}, so the deployment cannot ${verb} it`,
          aclHint(op === 'DESCRIBE' ? 'Describe' : cap(op), 'topic', name),
          span,
        );
      }
    }
  });
  const groups = r.groups ?? [];
  await Promise.all(
    groups.map(async (g, i) => {
      checked++;
      const group = customerName(g, ctx.spec.groups?.prefix);
      // READ on the group is checked before the topic: a commit to a topic that cannot exist stores nothing
      const part = { partitionIndex: 0, committedOffset: 0n, committedLeaderEpoch: -1 };
      const { response } = await send(ctx, conn, 'OffsetCommit', offsetCommitV9.api, group, -1, '', null, [
        { name: IMPOSSIBLE_TOPIC, partitions: [part] },
      ]);
      const code = response.topics[0]?.partitions[0]?.errorCode ?? 0;
      if (code === GROUP_AUTHORIZATION_FAILED) {
        s.error(
          'CHECK_ACL_GROUP_READ',
          `${principal} may not READ consumer group ${group}, so its consumers cannot join or commit`,
          aclHint('Read', 'group', group),
          r.spans?.at(['groups', i]),
        );
      }
    }),
  );
  // a prefix is probed with an id under it that no producer uses: a PREFIXED grant covers it, a LITERAL one does not
  const txnProbes = [
    ...(r.transactionalIds ?? []).map((id, i) => ({ id, hint: id, span: r.spans?.at(['transactionalIds', i]) })),
    ...(r.transactionalIdPrefixes ?? []).map((p, i) => ({
      id: p + PREFIX_PROBE,
      hint: `${p} --resource-pattern-type prefixed`,
      span: r.spans?.at(['transactionalIdPrefixes', i]),
    })),
  ];
  const txnIds = txnProbes.map((t) => t.id);
  if (txnIds.length > 0) {
    checked += txnIds.length;
    const { response } = await send(ctx, conn, 'DescribeTransactions', describeTransactionsV0.api, txnIds);
    for (const st of response.transactionStates) {
      const probe = txnProbes.find((t) => t.id === st.transactionalId);
      if (st.errorCode === TRANSACTIONAL_ID_AUTHORIZATION_FAILED && probe) {
        s.error(
          'CHECK_ACL_TRANSACTIONAL_ID',
          `${principal} may not use transactional id ${probe.id === probe.hint ? probe.id : `prefix ${probe.hint.split(' ')[0]}`}`,
          aclHint('Write', 'transactional-id', probe.hint),
          probe.span,
        );
      }
    }
  }
  const cluster = r.cluster ?? [];
  if (cluster.length > 0) {
    checked += cluster.length;
    const { response } = await send(ctx, conn, 'DescribeCluster', describeClusterV1.api, true, 1);
    const bits = response.clusterAuthorizedOperations;
    const span = r.spans?.at(['cluster']);
    if (bits === 0 || bits === -2147483648) {
      if (cluster.includes('DESCRIBE'))
        s.error('CHECK_ACL_CLUSTER', `${principal} may not DESCRIBE the cluster`, aclHint('Describe', 'cluster', ''), span);
      else
        s.warn(
          'CHECK_ACL_CLUSTER_UNVERIFIABLE',
          `${principal} may not DESCRIBE the cluster, so ${cluster.join(', ')} could not be verified`,
          'grant DESCRIBE on the cluster to this principal to let the check verify cluster operations',
          span,
        );
    } else {
      for (const op of cluster.filter((o) => !allows(bits, o))) {
        s.error(
          'CHECK_ACL_CLUSTER',
          `${principal} lacks cluster operation ${op}`,
          aclHint(op.split('_').map(cap).join(''), 'cluster', ''),
          span,
        );
      }
    }
  }
  const note =
    txnIds.length > 0 ? ' (transactional ids: DESCRIBE verified; WRITE is only tested by InitProducerId, which has side effects)' : '';
  return { detail: `${checked} permission${checked === 1 ? '' : 's'} checked for ${principal}${note}` };
}

function cap(op: string): string {
  return op.charAt(0) + op.slice(1).toLowerCase();
}
