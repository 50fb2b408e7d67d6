/** Diagnostic codes of the CloudFormation format, each with what it means. */
export const CFN_CODES = {
  CFN_SYNTAX: 'a template is not valid YAML or JSON',
  CFN_UNREWIRABLE_REFERENCE: 'a kept part of the template uses a dropped MSK resource in a way graft cannot rewire',
  CFN_SECRET_STORE_UNSUPPORTED: 'an ECS or Lambda secret is not in Secrets Manager or SSM, the only stores they read',
  CFN_LAMBDA_SOURCE_UNSUPPORTED: "a Lambda Kafka event source cannot use the customer's mechanism or secret layout",
  CFN_USERDATA_CLIENT_SECURITY:
    "a kept EC2 instance's UserData writes Kafka client security settings for the dropped cluster that are not the customer's: a shell script graft cannot rewrite",
  CFN_NESTED_OUTPUT_REMOVED:
    'a template reads an output of a nested stack (Fn::GetAtt Child.Outputs.X) that graft removed from the child template because it exposed the dropped MSK cluster',
  CFN_ROLE_GRANT_NEEDED:
    'a task execution role, function role or pipe role must read customer secrets and is not a role of the template (or none is named): grant the reads the message lists (warning)',
  CFN_TASK_ROLE_MISSING:
    "an ECS task definition whose containers connect to the customer's MSK cluster with IAM names no TaskRoleArn: an error on Fargate (the task has no AWS identity), a warning otherwise (it signs as the container instance's role)",
  CFN_ECS_IMAGE_UNREADABLE:
    'a container reads a properties file inside its image, which graft rewrites when the task starts with a container of the same image, but its Image is an expression graft cannot copy',
} as const;

/** A CloudFormation diagnostic code. */
export type CfnCode = keyof typeof CFN_CODES;
