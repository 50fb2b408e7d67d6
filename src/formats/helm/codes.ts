/** Diagnostic codes of the Helm chart format. */
export const HELM_CODES = {
  HELM_NOT_FOUND:
    'no helm binary (neither `GRAFT_HELM` nor `helm` on PATH): graft must render the chart to know what it runs, and renders the compiled chart again to verify it, so it refuses rather than write a chart it could not check. Install helm 3 or set `GRAFT_HELM=/path/to/helm`',
  HELM_RENDER_FAILED:
    "`helm template` failed on the origin chart, or on the chart as graft compiled it (with or without a `ci/*-values.yaml`); the message carries helm's own error",
  HELM_VALUE_MISSING:
    "the chart does not render with its own values: a template reads a value that neither values.yaml nor a parent chart sets (helm's nil pointer on `.Values.<path>`), which the installation passes from outside the stack (a deployment tool's values, an Argo CD application, `--set`); the diagnostic stands at the template's line and names the value to set in values.yaml",
  HELM_BAD_CHART: 'Chart.yaml or values.yaml is not a YAML mapping, or Chart.yaml has no `name:`',
  HELM_SUBCHART_NO_CONDITION:
    'a subchart under `charts/` runs the bundled Kafka but has no `dependencies:` entry, so there is neither a `condition:` graft could set to false nor an entry to remove (a listed subchart without a condition is removed from `dependencies`, the lock and `charts/`)',
  HELM_SUBCHART_PARTLY_KAFKA: 'a subchart renders the bundled Kafka and also objects graft keeps, so turning it off would remove those too',
  HELM_KAFKA_IN_TEMPLATES:
    "a template of the chart's own renders the bundled Kafka and also objects graft keeps, and graft cannot remove the Kafka's documents alone: they are not `---` documents of their own each naming its `kind:` literally, or a `{{ if }}` / `{{ range }}` / `{{ with }}` block spans Kafka documents and kept ones (the message says which). Move the Kafka objects into `---` documents (or a template) of their own",
  HELM_CONDITION_NOT_SETTABLE:
    "a subchart's condition names a value that values.yaml holds as something other than a plain boolean (helm would ignore it)",
  HELM_VALUE_NOT_EXPRESSED:
    'the compiled chart, rendered, still has a client the Kubernetes format would change (a security setting, a stale setting, a helper that only served the bundled Kafka) and no value of the chart sets it',
  HELM_STILL_BUNDLED: 'the compiled chart, rendered, still runs the bundled Kafka or names its endpoints',
  HELM_PREFLIGHT_LEFT:
    'the chart holds the preflight hook an earlier `graft compile --with-preflight` wrote (`templates/graft-preflight.yaml`, `graft-preflight/bundle.yaml`, each starting with `# Written by graft:`), and this compile has no `--with-preflight`: kept as they are, the hook would check the earlier spec with the earlier bundle. Compile with `--with-preflight` (both are written anew, the chart otherwise unchanged), or remove them and the `graft-preflight/` line of `.helmignore`',
  HELM_PREFLIGHT_PATH_TAKEN:
    '`--with-preflight` was given and the chart has a file of its own (not starting with `# Written by graft:`) at `templates/graft-preflight.yaml` or `graft-preflight/bundle.yaml`, where graft writes the hook and its bundle; graft never overwrites it',
  HELM_PREFLIGHT_UNSUPPORTED:
    "`--with-preflight` was given for a Helm chart, and the Kubernetes format wrote no preflight Job for the chart's render to turn into the chart's hook. Run `graft check` before `helm install` instead",
} as const;
