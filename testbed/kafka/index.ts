export { startTestbed, type Testbed, type TestbedOptions } from './start-testbed.js';
export { readState, type TestbedState } from './state.js';
export { fetchConnect, fetchKafka } from './fetch.js';
export { generateCerts, issueClientCert, type IssuedClientCert, type TestbedCerts } from './certs.js';
export { runJava, CLIENT_JVM_FLAGS } from './java.js';
export { clientCheck, writeClientProperties, type ClientCheckResult } from './client-check.js';
export { defaultStatePath, kafkaVersion, repoRoot } from './paths.js';
export { javaClientProperties, type JavaClientAuth, type JavaClientOptions } from './client-props.js';
