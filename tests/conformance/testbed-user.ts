import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runJava, type TestbedState } from '../../testbed/kafka/index.js';
import { aclFileText, type AclSpec } from '../../testbed/kafka/acls.js';

/** Adds a SCRAM-SHA-512 user with the test bed writers' ACLs (ALL on topics `acme.*`, READ/DESCRIBE on groups `acme.*`), as the broker's admin. */
export async function addWriterUser(tb: TestbedState, user: string, password: string, dir: string): Promise<void> {
  const admin = join(tb.runDir, 'admin.properties');
  const libs = tb.java.libsDir;
  // ConfigCommand splits --add-config on commas and takes the value after the first "="
  if (/[,\]=\n]/.test(password)) throw new Error('ConfigCommand cannot take a password with , ] = or a newline');
  const scram = ['--bootstrap-server', tb.listeners.saslPlaintext, '--command-config', admin, '--alter'];
  const add = await runJava(
    'org.apache.kafka.tools.ConfigCommand',
    [...scram, '--add-config', `SCRAM-SHA-512=[password=${password}]`, '--entity-type', 'users', '--entity-name', user],
    { libs },
  );
  if (add.code !== 0) throw new Error(`ConfigCommand failed: ${add.stderr}`);
  const acl = (resourceType: AclSpec['resourceType'], operation: string): AclSpec => ({
    principal: `User:${user}`,
    resourceType,
    patternType: 'PREFIXED',
    name: tb.topicPrefix,
    operation,
    permission: 'ALLOW',
  });
  const file = join(dir, 'acls.txt');
  await writeFile(file, aclFileText([acl('TOPIC', 'ALL'), acl('GROUP', 'READ'), acl('GROUP', 'DESCRIBE')]));
  const set = await runJava('TestbedAdmin', ['setup', admin, file, '30000'], { libs, extraClasspath: [tb.java.helpersClasspath] });
  if (set.code !== 0) throw new Error(`TestbedAdmin failed: ${set.stderr}`);
}
