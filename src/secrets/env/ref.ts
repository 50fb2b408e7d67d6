/** `secretRef: { env: NAME }`: an environment variable on the host that runs the stack. */
export interface EnvRef {
  store: 'env';
  env: string;
}
