/** `secretRef: { kubernetes: { name, key } }`: a key of a Kubernetes Secret in the stack's namespace. */
export interface KubernetesRef {
  store: 'kubernetes';
  kubernetes: { name: string; key: string };
}
