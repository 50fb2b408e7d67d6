import { secretVariableName } from '../../configure/secret-variables.js';
import type { SecretValue } from '../../spec/types.js';

export {
  ENV_VAR_PROVIDER,
  NO_SECRET_FILES as ECS_NO_FILES,
  secretVariablesIn as secretEnvNamesIn,
  settingWithoutFiles as ecsSetting,
  usesProviderFiles,
} from '../../configure/secret-variables.js';

/** The environment variable ECS injects a customer secret as: GRAFT_ plus its stable name. */
export function ecsSecretEnvName(secret: SecretValue): string {
  return secretVariableName(secret);
}
