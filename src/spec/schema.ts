import { secretRefSchema } from '../secrets/index.js';
import { SASL_MECHANISMS, SECURITY_PROTOCOLS, WORKLOAD_IDENTITIES } from './types.js';

const secretRef = secretRefSchema();

const secret = {
  type: 'object',
  description: 'A reference to a secret; inline secret values are refused.',
  additionalProperties: false,
  required: ['secretRef'],
  properties: { secretRef },
} as const;

const stringOrSecret = { anyOf: [{ type: 'string', minLength: 1 }, { $ref: '#/definitions/secret' }] } as const;

/** The JSON Schema (draft-07) of the customer Kafka spec, as `graft schema` prints it. */
export const customerKafkaSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://graft.dev/schemas/customer-kafka.v1.json',
  title: 'graft CustomerKafka',
  description: "The customer's own Kafka cluster that a graft-compiled stack connects to.",
  type: 'object',
  additionalProperties: false,
  required: ['apiVersion', 'kind', 'bootstrapServers', 'securityProtocol'],
  definitions: { secret, secretRef },
  properties: {
    apiVersion: { const: 'graft.dev/v1' },
    kind: { const: 'CustomerKafka' },
    bootstrapServers: {
      description: 'host:port of one or more brokers, as a comma-separated string or a list.',
      anyOf: [
        { type: 'string', minLength: 1 },
        { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } },
      ],
    },
    securityProtocol: { enum: [...SECURITY_PROTOCOLS] },
    sasl: {
      type: 'object',
      additionalProperties: false,
      required: ['mechanism'],
      properties: {
        mechanism: { enum: [...SASL_MECHANISMS] },
        username: stringOrSecret,
        password: { $ref: '#/definitions/secret' },
        oauth: {
          type: 'object',
          additionalProperties: false,
          required: ['tokenEndpoint', 'clientId', 'clientSecret'],
          properties: {
            tokenEndpoint: { type: 'string', minLength: 1 },
            clientId: stringOrSecret,
            clientSecret: { $ref: '#/definitions/secret' },
            scope: { type: 'string' },
            audience: { type: 'string' },
          },
        },
        aws: {
          type: 'object',
          additionalProperties: false,
          required: ['region'],
          properties: {
            roleArn: { type: 'string', minLength: 1 },
            region: { type: 'string', minLength: 1 },
            workloadIdentity: {
              enum: [...WORKLOAD_IDENTITIES],
              description:
                'How the workloads act as roleArn: irsa (Kubernetes ServiceAccount annotation), eksPodIdentity (EKS Pod Identity associations), assumeRole (the clients assume it themselves). Unset: irsa on Kubernetes, the task or execution role on ECS and Lambda, assumeRole elsewhere.',
            },
          },
        },
        allowInsecurePlain: {
          type: 'boolean',
          description: 'Acknowledge that PLAIN over SASL_PLAINTEXT sends the password unencrypted.',
        },
      },
    },
    tls: {
      type: 'object',
      additionalProperties: false,
      properties: {
        ca: { $ref: '#/definitions/secret' },
        clientCert: { $ref: '#/definitions/secret' },
        clientKey: { $ref: '#/definitions/secret' },
      },
    },
    schemaRegistry: {
      type: 'object',
      additionalProperties: false,
      required: ['url'],
      properties: {
        url: { type: 'string', minLength: 1 },
        basicAuth: {
          type: 'object',
          additionalProperties: false,
          required: ['username', 'password'],
          properties: { username: stringOrSecret, password: { $ref: '#/definitions/secret' } },
        },
        ca: { $ref: '#/definitions/secret' },
      },
    },
    topics: {
      type: 'object',
      additionalProperties: false,
      properties: {
        prefix: { type: 'string', minLength: 1 },
        allow: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } },
      },
    },
    groups: {
      type: 'object',
      additionalProperties: false,
      properties: { prefix: { type: 'string', minLength: 1 } },
    },
  },
} as const;

/** Spec paths whose value must be a secret reference. */
export const SECRET_PATHS = [
  ['sasl', 'password'],
  ['sasl', 'oauth', 'clientSecret'],
  ['tls', 'ca'],
  ['tls', 'clientCert'],
  ['tls', 'clientKey'],
  ['schemaRegistry', 'basicAuth', 'password'],
  ['schemaRegistry', 'ca'],
] as const;
