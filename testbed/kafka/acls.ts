/** One ACL binding as applied by the Java helper (host is always `*`). */
export interface AclSpec {
  principal: string;
  resourceType: 'TOPIC' | 'GROUP' | 'CLUSTER' | 'TRANSACTIONAL_ID';
  patternType: 'LITERAL' | 'PREFIXED';
  name: string;
  operation: string;
  permission: 'ALLOW' | 'DENY';
}

/** Principals that may produce, consume and auto-create topics under the prefix. */
export const WRITER_PRINCIPALS = [
  'User:alice',
  'User:graft-app',
  'User:app-client',
  // PLAINTEXT clients are unauthenticated and map to ANONYMOUS.
  'User:ANONYMOUS',
];

/** The read-only principal (no WRITE, no CREATE) used by "missing WRITE ACL" tests. */
export const READER_PRINCIPAL = 'User:reader';

/** Builds the test bed's ACLs: ALL on topic prefix + READ/DESCRIBE on group prefix for writers, READ/DESCRIBE topics + READ groups for reader. */
export function testbedAcls(topicPrefix: string, groupPrefix: string): AclSpec[] {
  const allow = (principal: string, resourceType: AclSpec['resourceType'], name: string, operation: string): AclSpec => ({
    principal,
    resourceType,
    patternType: 'PREFIXED',
    name,
    operation,
    permission: 'ALLOW',
  });
  const acls: AclSpec[] = [];
  for (const p of WRITER_PRINCIPALS) {
    // ALL includes CREATE (auto-creation by producing) and WRITE, which since KIP-679
    // also authorizes the idempotent producer's InitProducerId without IDEMPOTENT_WRITE.
    acls.push(allow(p, 'TOPIC', topicPrefix, 'ALL'));
    acls.push(allow(p, 'GROUP', groupPrefix, 'READ'));
    acls.push(allow(p, 'GROUP', groupPrefix, 'DESCRIBE'));
  }
  acls.push(allow(READER_PRINCIPAL, 'TOPIC', topicPrefix, 'READ'));
  acls.push(allow(READER_PRINCIPAL, 'TOPIC', topicPrefix, 'DESCRIBE'));
  acls.push(allow(READER_PRINCIPAL, 'GROUP', groupPrefix, 'READ'));
  return acls;
}

/** Serializes ACLs into the line format read by TestbedAdmin.java. */
export function aclFileText(acls: AclSpec[]): string {
  return acls
    .map((a) => [a.principal, a.resourceType, a.patternType, a.name, a.operation, a.permission].join('|'))
    .join('\n')
    .concat('\n');
}
