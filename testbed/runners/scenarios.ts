import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunnerName } from './commands.js';
import { envFamily, librdkafkaProps } from './scenario-env-family.js';
import { javaProps, springEnv } from './scenario-jvm.js';
import type { BrokerFacts, Conn, Scenario } from './scenario-types.js';

export { SCENARIOS, type BrokerFacts, type Scenario } from './scenario-types.js';

/** The environment for one runner in one scenario; files it refers to are written under `dir`. */
export interface ScenarioEnv {
  env: Record<string, string>;
  topic: string;
  group: string;
}

const ALLOWED_URLS = 'org.apache.kafka.sasl.oauthbearer.allowed.urls';

/**
 * Writes the secret files (and properties file) one runner needs for one scenario under `dir` and returns its
 * environment; "wrong-password" is the SCRAM scenario with a wrong password in the secret.
 */
export async function scenarioEnv(runner: RunnerName, scenario: Scenario, b: BrokerFacts, dir: string): Promise<ScenarioEnv> {
  const id = randomBytes(4).toString('hex');
  const topic = `acme.runner-${runner}-${scenario}-${id}`;
  const group = `acme.g-${runner}-${id}`;
  const secrets = join(dir, 'secrets');
  await mkdir(secrets, { recursive: true });
  const password = scenario === 'wrong-password' ? `${b.users.alice.password}-wrong` : b.users.alice.password;
  // Mounted secrets carry no trailing newline (as Kubernetes writes them from stringData).
  await writeFile(join(secrets, 'kafka_password'), password);
  await writeFile(join(secrets, 'oauth_client_secret'), b.oidc.clientSecret);
  const conn: Conn = { scenario, b, secrets, password };
  const allowUrls = { JAVA_TOOL_OPTIONS: `-D${ALLOWED_URLS}=${b.oidc.tokenEndpoint}` };
  const oauth = scenario === 'oauthbearer';
  const propsFile = async (lines: string[]): Promise<Record<string, string>> => {
    const file = join(dir, 'client.properties');
    await writeFile(file, `# written by testbed/runners/scenarios.ts (${scenario})\n${lines.join('\n')}\n`);
    return { KAFKA_CONFIG_FILE: file };
  };
  let env: Record<string, string>;
  switch (runner) {
    case 'java':
      env = { ...(await propsFile(javaProps(conn))), GROUP_ID: group, ...(oauth ? allowUrls : {}) };
      break;
    case 'spring':
      env = { ...springEnv(conn), SPRING_KAFKA_CONSUMER_GROUP_ID: group, ...(oauth ? allowUrls : {}) };
      break;
    case 'python-librdkafka':
      env = { ...(await propsFile(librdkafkaProps(conn))), GROUP_ID: group };
      break;
    default:
      env = { ...envFamily(conn), GROUP_ID: group };
  }
  return { env: { ...env, TOPIC: topic }, topic, group };
}
