/** `secretRef: { awsSsm: { name } }`: an AWS SSM Parameter Store SecureString parameter. */
export interface AwsSsmRef {
  store: 'awsSsm';
  awsSsm: { name: string; kmsKeyArn?: string };
}
