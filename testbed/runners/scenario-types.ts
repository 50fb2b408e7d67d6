/** Connection scenarios the runners are proven against. */
export const SCENARIOS = ['plaintext', 'scram-sha-256', 'oauthbearer', 'mtls', 'wrong-password'] as const;

/** One connection scenario. */
export type Scenario = (typeof SCENARIOS)[number];

/** The parts of the broker test bed's state a scenario needs (see testbed/kafka/state.ts). */
export interface BrokerFacts {
  listeners: { plaintext: string; saslSsl: string; ssl: string };
  tls: { caPem: string; clientCertPem: string; clientKeyPem: string; clientKeystorePem: string };
  users: { alice: { password: string } };
  oidc: { tokenEndpoint: string; clientId: string; clientSecret: string; scope: string };
}

/** One scenario's connection inputs: the broker, the directory of mounted secret files, the password in use. */
export interface Conn {
  scenario: Scenario;
  b: BrokerFacts;
  secrets: string;
  password: string;
}
