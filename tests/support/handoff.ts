import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileStack, type CompileResult } from '../../src/compile/pipeline.js';
import type { CompileOptions } from '../../src/formats/types.js';
import { prepareFormats } from '../../src/formats/index.js';
import { ROOT } from './cases.js';

/**
 * Golden handoffs: `src/handoff/golden/<name>/expected/` holds the handoff of the compile case named here
 * (relative to src/), or of the handoff's own stack in `golden/<name>/` (`input/`, `kafka.yaml`).
 */
export const HANDOFF_CASES: Record<string, string> = {
  'compose-oauth-spring': 'formats/compose/cases/oauth-spring',
  'compose-msk-iam-vouched': 'formats/compose/cases/msk-iam-vouched',
  'compose-sasl-plain-allow-list': 'formats/compose/cases/sasl-plain-env-files',
  'compose-streams-transactions': 'handoff/golden/compose-streams-transactions',
  'k8s-strimzi-kraft': 'formats/kubernetes/cases/strimzi-kraft',
  'k8s-external-secrets': 'formats/kubernetes/cases/external-secrets',
  'k8s-msk-iam-irsa': 'formats/kubernetes/cases/msk-iam-irsa',
  'k8s-msk-iam-pod-identity': 'formats/kubernetes/cases/msk-iam-pod-identity',
  'tf-confluent-cloud': 'formats/terraform/cases/confluent-cloud',
  'tf-registry-module': 'formats/terraform/cases/registry-module',
  'tf-msk-serverless-iam': 'formats/terraform/cases/msk-serverless-iam',
  'cfn-provisioned-ecs-scram': 'formats/cloudformation/cases/provisioned-ecs-scram',
  'cfn-lambda-esm-scram': 'formats/cloudformation/cases/lambda-esm-scram',
  'tf-ecs-execution-roles': 'formats/terraform/cases/ecs-execution-roles',
  'cfn-sam-msk-event-parameter': 'formats/cloudformation/cases/sam-msk-event-parameter',
  'cfn-ecs-task-role-iam': 'formats/cloudformation/cases/ecs-task-role-iam',
  'tf-k8s-provider-irsa': 'formats/terraform/cases/k8s-provider-irsa',
  'tf-k8s-provider-default-sa': 'formats/terraform/cases/k8s-provider-default-sa',
  'tf-ecs-task-role-iam': 'formats/terraform/cases/ecs-task-role-iam',
  'cfn-sam-msk-event-iam': 'formats/cloudformation/cases/sam-msk-event-iam',
  'cfn-esm-iam': 'formats/cloudformation/cases/esm-iam',
  'tf-k8s-provider-irsa-expressions': 'formats/terraform/cases/k8s-provider-irsa-expressions',
  'tf-lambda-msk-iam': 'formats/terraform/cases/lambda-msk-iam',
  'cfn-ecs-properties-files': 'formats/cloudformation/cases/ecs-properties-files',
  'tf-ecs-properties-files': 'formats/terraform/cases/ecs-properties-files',
};

// the Terraform grammar loads asynchronously, once
await prepareFormats();

/** Compiles a case folder (`input/`, `kafka.yaml`, optional `options.json`) relative to src/. */
export function compileCase(from: string): CompileResult {
  const caseDir = join(ROOT, 'src', from);
  const optionsFile = join(caseDir, 'options.json');
  const options = existsSync(optionsFile) ? (JSON.parse(readFileSync(optionsFile, 'utf8')) as CompileOptions) : undefined;
  return compileStack({ stack: join(caseDir, 'input'), spec: join(caseDir, 'kafka.yaml'), ...(options ? { options } : {}) });
}
