import { ENV_BINDING_KEYS, INFRA_DECLARATIONS, SUBJECT_NAME_STRATEGIES } from './types.js';

const envVar = { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*$' } as const;

const envBindings = {
  type: 'object',
  additionalProperties: false,
  description: 'Which environment variable carries which connection setting (family env).',
  properties: Object.fromEntries(ENV_BINDING_KEYS.map((k) => [k, envVar])),
} as const;

const names = { type: 'array', items: { type: 'string', minLength: 1 } } as const;

/** The JSON Schema (draft-07) of the vendor's `graft.yaml`. */
export const bindingsSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://graft.dev/schemas/bindings.v1.json',
  title: 'graft Bindings',
  description: "The vendor's contract with graft: how each service of the stack reads its Kafka connection.",
  type: 'object',
  additionalProperties: false,
  required: ['apiVersion', 'kind'],
  properties: {
    apiVersion: { const: 'graft.dev/v1' },
    kind: { const: 'Bindings' },
    kafka: {
      type: 'object',
      additionalProperties: false,
      properties: {
        infrastructure: {
          type: 'array',
          description:
            'Services of the stack that are (or are not) its embedded Kafka, where graft cannot tell from the image and what the service runs: a broker built from a local Dockerfile, a service named like one that is not.',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['service', 'role'],
            properties: {
              service: { type: 'string', minLength: 1, description: 'Compose service or Kubernetes workload name.' },
              role: {
                enum: [...INFRA_DECLARATIONS],
                description: 'What the service is; none: not Kafka infrastructure, graft keeps it (and rewires it if it is a client).',
              },
            },
          },
        },
        replaces: {
          type: 'string',
          minLength: 1,
          description:
            "When the stack declares several Kafka clusters (a migration or replication setup): the one the customer's cluster replaces, by Terraform address (aws_msk_cluster.target, module.kafka); the others stay as declared.",
        },
        noClients: {
          type: 'boolean',
          description:
            "The stack's Kafka has no client among the services graft compiles (its clients run on the host or outside the stack), so a compile that keeps no service is complete.",
        },
        clients: {
          type: 'object',
          description: 'Keyed by Compose service, Kubernetes workload, Terraform address or CloudFormation logical id.',
          additionalProperties: {
            type: 'object',
            additionalProperties: false,
            properties: {
              family: { type: 'string', minLength: 1 },
              env: envBindings,
              configFile: { type: 'string', pattern: '^/' },
              produces: names,
              consumes: names,
              groups: names,
              topicEnv: { type: 'array', items: envVar },
              groupEnv: { type: 'array', items: envVar },
              transactionalIds: names,
              transactionalIdPrefixes: names,
              kafkaStreams: {
                type: 'object',
                additionalProperties: false,
                required: ['applicationId'],
                description: 'A Kafka Streams application: application.id, and whether it runs exactly-once.',
                properties: { applicationId: { type: 'string', minLength: 1 }, exactlyOnce: { type: 'boolean' } },
              },
              schemaRegistry: {
                type: 'object',
                additionalProperties: false,
                description: 'The schema registry subjects the service uses: by name, or by subject name strategy.',
                properties: {
                  subjects: names,
                  subjectNameStrategy: { enum: [...SUBJECT_NAME_STRATEGIES] },
                  keys: { type: 'boolean' },
                  autoRegister: { type: 'boolean' },
                },
              },
              supports: {
                type: 'object',
                additionalProperties: false,
                properties: { awsMskIam: { type: 'boolean' }, oauthbearer: { type: 'boolean' } },
              },
            },
          },
        },
      },
    },
  },
} as const;
