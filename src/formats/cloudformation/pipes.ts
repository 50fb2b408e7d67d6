import { isMap, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import { describeSecretRef } from '../../secrets/names.js';
import { isPrivateBootstrap, lambdaBootstrapServers, lambdaSourceAccess, type LambdaSourceAccessType } from '../aws/lambda-kafka.js';
import { noteSecret, planId, report, type CfnContext } from './context.js';
import { grantSecretRead, grantStatements, pollerAccessOf, reportUngranted } from './grants.js';
import { clusterAccessStatements } from './iam.js';
import { CLUSTER_ACCESS_POLICY, clusterFromOutside, renameGroup, usesDroppedCluster } from './lambda.js';
import { PARAM } from './params.js';
import { mapAt, pairOf, textOf, type Resource } from './parse.js';
import { collectRefs } from './refs.js';
import { Fn, ref, type CfnValue } from './render.js';

// Pipes reads each credential set from one Secrets Manager secret, like Lambda; the CA is a property of its own
const CREDENTIAL_KEY: Partial<Record<LambdaSourceAccessType, string>> = {
  BASIC_AUTH: 'BasicAuth',
  SASL_SCRAM_256_AUTH: 'SaslScram256Auth',
  SASL_SCRAM_512_AUTH: 'SaslScram512Auth',
  CLIENT_CERTIFICATE_TLS_AUTH: 'ClientCertificateTlsAuth',
};
/** Pipes takes the first broker in `Source` (`smk://host:port`) and at most two more. */
const PIPES_ADDITIONAL_SERVERS = 2;

/**
 * EventBridge Pipes reading the vendor's MSK cluster (`ManagedStreamingKafkaParameters` on a dropped cluster or on an
 * ARN from outside the template) become self-managed Kafka sources on the customer's cluster, or, for a customer on
 * MSK with IAM, MSK sources on the customer's cluster.
 */
export function rewritePipes(ctx: CfnContext): void {
  for (const r of ctx.a.t.resources) {
    if (ctx.a.dropped.has(r.id) || r.type !== 'AWS::Pipes::Pipe') continue;
    const props = mapAt(r.node, 'Properties');
    const source = props ? pairOf(props, 'Source') : undefined;
    const params = props ? mapAt(props, 'SourceParameters') : undefined;
    const msk = params ? pairOf(params, 'ManagedStreamingKafkaParameters') : undefined;
    if (!props || !source || !params || !msk || !(usesDroppedCluster(ctx, source.value) || clusterFromOutside(ctx, source.value))) continue;
    for (const x of collectRefs(source.value)) ctx.handled.add(x.node);
    convertPipe(ctx, r, source.value as Node, params, msk.value as YAMLMap);
  }
}

function convertPipe(ctx: CfnContext, r: Resource, source: Node, params: YAMLMap, kafka: YAMLMap): void {
  const { ed, spec } = ctx;
  const matched = [
    `Source = ${
      collectRefs(source)
        .map((x) => x.target)
        .join(', ') || 'an MSK ARN'
    }`,
  ];
  const changed: string[] = [];
  const notes: string[] = [];
  const creds = pairOf(kafka, 'Credentials');
  if (creds) {
    for (const x of collectRefs(creds.value)) ctx.handled.add(x.node);
    ed.remove(kafka, creds);
    changed.push('Credentials of the vendor cluster removed');
  }
  if (!renameGroup(ctx, kafka, planId(ctx, r), 'ConsumerGroupID') && spec.groups?.prefix) {
    const group = `${spec.groups.prefix}${r.id}`;
    ed.appendEntries(kafka, [['ConsumerGroupID', group]]);
    notes.push(`ConsumerGroupID set to ${group}, inside the customer's group prefix`);
  }
  renameGroup(ctx, kafka, planId(ctx, r), 'TopicName', 'topic');
  if (spec.sasl?.mechanism === 'AWS_MSK_IAM') {
    ed.replaceNode(source, ctx.params.clusterArn());
    changed.push(`Source → ${PARAM.clusterArn}`);
    const statements = clusterAccessStatements(ctx);
    const access = pollerAccessOf(
      ctx,
      r,
      statements.flatMap((st) => (st as { Action: string[] }).Action),
    );
    const grantee = access.readsData ? undefined : grantStatements(ctx, r, statements, CLUSTER_ACCESS_POLICY);
    notes.push(
      grantee
        ? `kafka-cluster:Connect, DescribeClusterDynamicConfiguration, DescribeTopic, ReadData, DescribeGroup, AlterGroup and kafka:DescribeClusterV2, GetBootstrapBrokers on the customer's cluster, topics and groups granted in ${grantee}`
        : "the pipe's role needs kafka-cluster:Connect, DescribeClusterDynamicConfiguration, DescribeGroup, AlterGroup, DescribeTopic, ReadData and kafka:DescribeClusterV2, GetBootstrapBrokers on the customer's cluster",
    );
    if (access.denied.length)
      notes.push(
        `the policies of the pipe's role deny ${access.denied.join(', ')}, which the pipe needs: an explicit Deny overrides every Allow, so remove it`,
      );
    record(ctx, r, source, matched, changed, notes);
    return;
  }
  const servers = lambdaBootstrapServers(spec);
  if (servers.problem)
    report(ctx, 'CFN_LAMBDA_SOURCE_UNSUPPORTED', 'error', source, `${r.id}: ${servers.problem.message}`, servers.problem.help);
  const { access, problems } = lambdaSourceAccess(spec);
  for (const p of problems) report(ctx, 'CFN_LAMBDA_SOURCE_UNSUPPORTED', 'error', source, `${r.id}: ${p.message}`, p.help);
  const list = new Fn('Split', [',', ctx.params.bootstrap(spec.bootstrapServers)]);
  const server = (i: number): Fn => new Fn('Select', [i, list]);
  ed.replaceNode(source, new Fn('Join', ['', ['smk://', server(0)]]));
  changed.push('Source → smk://<first customer broker>');
  const add: [string, CfnValue][] = [];
  const extra = Math.min(spec.bootstrapServers.length - 1, PIPES_ADDITIONAL_SERVERS);
  if (extra > 0) add.push(['AdditionalBootstrapServers', Array.from({ length: extra }, (_, i) => server(i + 1))]);
  const credentials: Record<string, CfnValue> = {};
  const arns: CfnValue[] = [];
  for (const a of access) {
    for (const s of a.secrets) noteSecret(ctx, s, describeSecretRef(s), planId(ctx, r));
    const [first] = a.secrets;
    const arn = first ? (ctx.params.secret(first, ctx.secrets) ?? a.secretArn) : a.secretArn;
    arns.push(arn);
    const key = CREDENTIAL_KEY[a.type];
    if (key) credentials[key] = arn;
    else add.push(['ServerRootCaCertificate', arn]);
  }
  if (Object.keys(credentials).length) add.push(['Credentials', credentials]);
  if (isPrivateBootstrap(spec)) {
    const subnet = (name: string): Fn =>
      ctx.params.use({
        name,
        type: 'AWS::EC2::Subnet::Id',
        description: "A subnet from which the pipe reaches the customer's brokers",
        inFile: false,
      });
    const sg = ctx.params.use({
      name: PARAM.securityGroup,
      type: 'AWS::EC2::SecurityGroup::Id',
      description: "Security group of the pipe's Kafka poller; it must allow egress to the customer's broker ports",
      inFile: false,
    });
    add.push(['Vpc', { Subnets: [subnet(PARAM.subnet1), subnet(PARAM.subnet2)], SecurityGroup: [sg] }]);
    const widened = allowSubnets(ctx, r, [subnet(PARAM.subnet1), subnet(PARAM.subnet2)]);
    if (widened.length) notes.push(`the ec2:SubnetID conditions of ${widened.join(', ')} also allow ${PARAM.subnet1} and ${PARAM.subnet2}`);
    notes.push(
      `the customer's brokers look private: the pipe polls them from ${PARAM.subnet1}, ${PARAM.subnet2} and ${PARAM.securityGroup}`,
    );
  }
  const key = pairOf(params, 'ManagedStreamingKafkaParameters');
  if (key && isScalar(key.key)) ed.setString(key.key, 'SelfManagedKafkaParameters');
  if (add.length) ed.appendEntries(kafka, add);
  changed.push('SelfManagedKafkaParameters', ...add.map(([k]) => k));
  if (arns.length) {
    const grantee = grantSecretRead(
      ctx,
      r,
      arns,
      access.flatMap((a) => a.secrets),
    );
    if (!grantee)
      reportUngranted(
        ctx,
        r,
        access.flatMap((a) => a.secrets),
      );
    notes.push(
      grantee
        ? `secretsmanager:GetSecretValue on the source secrets granted in ${grantee}`
        : "the pipe's role must be allowed secretsmanager:GetSecretValue on the source secrets",
    );
  }
  record(ctx, r, source, matched, changed, notes);
  void ref;
}

/**
 * The pipe's role may limit its network interfaces to the subnets the MSK cluster was in (`ec2:SubnetID` conditions):
 * the subnets the pipe now polls from are added to those lists, or the pipe could not create its interfaces there.
 */
function allowSubnets(ctx: CfnContext, pipe: Resource, subnets: Fn[]): string[] {
  const roleArn = mapAt(pipe.node, 'Properties')?.get('RoleArn', true);
  const role = collectRefs(roleArn)
    .map((x) => ctx.a.byId.get(x.target))
    .find((x) => x?.type === 'AWS::IAM::Role' && !ctx.a.dropped.has(x.id));
  const policies = role ? mapAt(role.node, 'Properties')?.get('Policies', true) : undefined;
  const out: string[] = [];
  for (const policy of isSeq(policies) ? policies.items : []) {
    const doc = isMap(policy) ? mapAt(policy, 'PolicyDocument') : undefined;
    const statements = doc?.get('Statement', true);
    for (const st of isSeq(statements) ? statements.items : []) {
      const cond = isMap(st) ? mapAt(st, 'Condition') : undefined;
      for (const op of cond?.items ?? []) {
        if (!isMap(op.value)) continue;
        for (const key of op.value.items) {
          if (!/^ec2:SubnetI[dD]$/.test(textOf(key.key) ?? '') || !isSeq(key.value)) continue;
          ctx.ed.appendItems(key.value, subnets);
          out.push(`${role?.id ?? ''} policy ${textOf((policy as YAMLMap).get('PolicyName', true)) ?? '?'}`);
        }
      }
    }
  }
  return [...new Set(out)];
}

function record(ctx: CfnContext, r: Resource, source: Node, matched: string[], changed: string[], notes: string[]): void {
  ctx.plan.rewired.push({
    service: r.id,
    id: planId(ctx, r),
    family: 'pipe-source',
    matched,
    changed,
    notes,
    at: { file: ctx.a.t.source.path, start: source.range?.[0] ?? 0, end: source.range?.[1] ?? 0 },
  });
}
