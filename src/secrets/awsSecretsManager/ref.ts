/** `secretRef: { awsSecretsManager: { arn, key? } }`: an AWS Secrets Manager secret, or one JSON key of it. */
export interface AwsSecretsManagerRef {
  store: 'awsSecretsManager';
  awsSecretsManager: { arn: string; key?: string; kmsKeyArn?: string };
}
