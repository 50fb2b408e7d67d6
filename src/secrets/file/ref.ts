/** `secretRef: { file: /path }`: a file on the host that runs the stack. */
export interface FileRef {
  store: 'file';
  file: string;
}
