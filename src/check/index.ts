export { runCheck, DEFAULT_TIMEOUT_MS } from './run.js';
export { CHECK_CODES, type CheckCode } from './codes.js';
export { loadRequirements, requirementsSchema, type Requirements, type TopicRequirement } from './requirements.js';
export { parseSecretSource, type SecretSource } from './secrets.js';
export { renderChecklist, renderSummary, renderCheckDiagnostics, checkJson, liveProgress, clearProgress } from './render.js';
export type { CheckOptions, CheckReport, CheckStep, CheckEvent, CheckStats, StepStatus } from './types.js';
