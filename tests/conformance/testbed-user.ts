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
  await grantWriter(tb, `User:${user}`, dir);
}

/** Grants `principal` the test bed writers' ACLs (ALL on topics `acme.*`, READ/DESCRIBE on groups `acme.*`), as the broker's admin. */
export async function grantWriter(tb: TestbedState, principal: string, dir: string): Promise<void> {
  const acl = (resourceType: AclSpec['resourceType'], operation: string): AclSpec => ({
    principal,
    resourceType,
    patternType: 'PREFIXED',
    name: tb.topicPrefix,
    operation,
    permission: 'ALLOW',
  });
  const file = join(dir, 'acls.txt');
  await writeFile(file, aclFileText([acl('TOPIC', 'ALL'), acl('GROUP', 'READ'), acl('GROUP', 'DESCRIBE')]));
  const set = await runJava('TestbedAdmin', ['setup', join(tb.runDir, 'admin.properties'), file, '30000'], {
    libs: tb.java.libsDir,
    extraClasspath: [tb.java.helpersClasspath],
  });
  if (set.code !== 0) throw new Error(`TestbedAdmin failed: ${set.stderr}`);
}

/** Removes every ACL of `principal` on the topics and groups `acme.*` (`kafka-acls.sh --remove`), as the broker's admin. */
export async function revokeWriter(tb: TestbedState, principal: string): Promise<void> {
  const remove = await runJava(
    'org.apache.kafka.tools.AclCommand',
    [
      '--bootstrap-server',
      tb.listeners.saslPlaintext,
      '--command-config',
      join(tb.runDir, 'admin.properties'),
      '--remove',
      '--force',
      '--allow-principal',
      principal,
      '--resource-pattern-type',
      'prefixed',
      '--topic',
      tb.topicPrefix,
      '--group',
      tb.groupPrefix,
    ],
    { libs: tb.java.libsDir },
  );
  if (remove.code !== 0) throw new Error(`AclCommand --remove failed: ${remove.stderr}${remove.stdout}`);
}

/** Deletes a user's SCRAM-SHA-512 credential (`kafka-configs.sh --alter --delete-config`), as the broker's admin. */
export async function deleteScramCredential(tb: TestbedState, user: string): Promise<void> {
  const del = await runJava(
    'org.apache.kafka.tools.ConfigCommand',
    [
      '--bootstrap-server',
      tb.listeners.saslPlaintext,
      '--command-config',
      join(tb.runDir, 'admin.properties'),
      '--alter',
      '--delete-config',
      'SCRAM-SHA-512',
      '--entity-type',
      'users',
      '--entity-name',
      user,
    ],
    { libs: tb.java.libsDir },
  );
  if (del.code !== 0) throw new Error(`ConfigCommand --delete-config failed: ${del.stderr}`);
}
