/** The stack formats graft compiles, in the order they are tried, and what each looks like on disk (for help texts). */
export const STACK_FORMATS: readonly { name: string; looks: string }[] = [
  { name: 'Docker Compose', looks: 'a directory with compose.yaml / docker-compose.yml (and its override files), or one Compose file' },
  { name: 'Terraform / OpenTofu', looks: 'a root module: a directory of .tf files' },
  { name: 'CloudFormation', looks: 'a directory of CloudFormation or SAM templates, YAML or JSON' },
  { name: 'Helm', looks: 'a chart directory: Chart.yaml at its root, subcharts under charts/' },
  { name: 'Kubernetes', looks: 'a directory or file of manifests: plain, Kustomize or rendered Helm output' },
];

/** The formats as one line: "Docker Compose (...), Terraform / OpenTofu (...), ...". */
export function stackFormatsLine(): string {
  return STACK_FORMATS.map((f) => `${f.name} (${f.looks})`).join('; ');
}
