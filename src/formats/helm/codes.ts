/** Diagnostic codes of the Helm chart format. */
export const HELM_CODES = {
  HELM_NOT_FOUND:
    'no helm binary to render the chart with: graft must render the chart to know what it runs, and renders the compiled chart again to verify it',
  HELM_RENDER_FAILED: '`helm template` failed on the chart (the origin, or the chart as graft compiled it)',
  HELM_BAD_CHART: 'Chart.yaml or values.yaml is not the YAML mapping a chart needs',
  HELM_SUBCHART_NO_CONDITION:
    "a subchart under charts/ runs the bundled Kafka but is not listed in the chart's dependencies, so graft can neither turn it off nor remove it",
  HELM_SUBCHART_PARTLY_KAFKA: 'a subchart runs the bundled Kafka and also workloads graft keeps, so it cannot be turned off',
  HELM_KAFKA_IN_TEMPLATES:
    "a template of the chart's own renders both the bundled Kafka and objects graft keeps, and its structure does not let graft remove the Kafka's documents alone",
  HELM_CONDITION_NOT_SETTABLE: "a subchart's condition names a value that values.yaml holds as something other than a plain true/false",
  HELM_VALUE_NOT_EXPRESSED:
    "the rendered chart still needs a change that no value of the chart expresses (a setting of a client that the chart's templates write literally or leave out)",
  HELM_STILL_BUNDLED: 'the compiled chart, rendered by helm, still runs or names the bundled Kafka',
  HELM_PREFLIGHT_LEFT:
    'the chart holds the preflight hook an earlier `graft compile --with-preflight` wrote, and this compile has no `--with-preflight` to refresh it: the hook would check the earlier spec with the earlier bundle',
  HELM_PREFLIGHT_PATH_TAKEN: "`--with-preflight`: a file of the chart's own is where graft writes the preflight hook or its bundle",
  HELM_PREFLIGHT_UNSUPPORTED: "`--with-preflight` found no preflight Job for the chart's render to turn into the chart's hook",
} as const;
