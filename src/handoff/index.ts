import type { CompileResult } from '../compile/pipeline.js';
import { renderEgressJson, renderEgressMd } from './egress.js';
import { renderIamPolicy } from './iam-policy.js';
import { renderStrimzi } from './strimzi.js';
import { renderTerraform } from './terraform.js';
import { inferHandoff } from './model.js';
import { renderReadme } from './readme.js';
import { renderRequirements } from './requirements-file.js';
import { renderAclsScript, renderTopicsScript } from './scripts.js';
import { renderConfluentScript } from './confluent-cli.js';
import { renderConfluentTerraform } from './confluent-tf.js';
import { renderKafkaGitops } from './kafka-gitops.js';
import { renderRpkScript } from './rpk.js';

export { inferHandoff } from './model.js';
export type { HandoffModel } from './types.js';
export { grantsOf, type AclGrant } from './acls.js';
export { requirementsOf } from './requirements-file.js';
export { HANDOFF_CODES, type HandoffCode } from './codes.js';

/** The Terraform forms, each in its own root module directory. */
export const KAFKA_TF = 'terraform-kafka/main.tf';
export const CONFLUENT_TF = 'terraform-confluent/main.tf';

/** The directory the handoff is written to, beside the deployment stack. */
export const HANDOFF_DIR = 'handoff';

/** Renders the handoff files of a successful compile, by path relative to the output root; empty when the compile failed. */
export function buildHandoff(result: CompileResult): Map<string, string> {
  const model = inferHandoff(result);
  const files = new Map<string, string>();
  if (!model) return files;
  files.set(`${HANDOFF_DIR}/README.md`, renderReadme(model, result.facts?.().namespaces ?? []));
  files.set(`${HANDOFF_DIR}/requirements.json`, renderRequirements(model));
  files.set(`${HANDOFF_DIR}/topics.sh`, renderTopicsScript(model));
  files.set(`${HANDOFF_DIR}/acls.sh`, renderAclsScript(model));
  files.set(`${HANDOFF_DIR}/egress.md`, renderEgressMd(model));
  files.set(`${HANDOFF_DIR}/egress.json`, renderEgressJson(model));
  files.set(`${HANDOFF_DIR}/strimzi.yaml`, renderStrimzi(model));
  // each Terraform form is a root module of its own: both in one directory would declare everything twice
  files.set(`${HANDOFF_DIR}/${KAFKA_TF}`, renderTerraform(model));
  files.set(`${HANDOFF_DIR}/${CONFLUENT_TF}`, renderConfluentTerraform(model));
  files.set(`${HANDOFF_DIR}/rpk.sh`, renderRpkScript(model));
  files.set(`${HANDOFF_DIR}/confluent.sh`, renderConfluentScript(model));
  files.set(`${HANDOFF_DIR}/kafka-gitops.yaml`, renderKafkaGitops(model));
  if (model.spec.sasl?.mechanism === 'AWS_MSK_IAM') files.set(`${HANDOFF_DIR}/iam-policy.json`, renderIamPolicy(model));
  return files;
}
