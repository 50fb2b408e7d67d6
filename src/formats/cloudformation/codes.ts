/** Diagnostic codes of the CloudFormation format, each with what it means. */
export const CFN_CODES = {
  CFN_SYNTAX: 'a template is not valid YAML or JSON',
  CFN_UNREWIRABLE_REFERENCE: 'a kept part of the template uses a dropped MSK resource in a way graft cannot rewire',
  CFN_SECRET_STORE_UNSUPPORTED: 'an ECS or Lambda secret is not in Secrets Manager or SSM, the only stores they read',
  CFN_LAMBDA_SECRET_ENV: 'a Lambda function needs Kafka credentials, which its environment cannot reference (warning)',
  CFN_LAMBDA_SOURCE_UNSUPPORTED: "a Lambda Kafka event source cannot use the customer's mechanism or secret layout",
  CFN_TOPIC_NOT_ALLOWED: "a consumer uses a topic outside the customer's allow-list",
} as const;

/** A CloudFormation diagnostic code. */
export type CfnCode = keyof typeof CFN_CODES;
