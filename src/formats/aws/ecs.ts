import type { ClientSink } from '../../configure/stage.js';
import type { Span } from '../../core/span.js';
import type { SecretValue } from '../../spec/types.js';

/**
 * An ECS container definition as each format edits it: its `environment` literals, its `secrets`, and where an
 * entry stands. CloudFormation and Terraform each implement it over their own text.
 */
export interface EcsContainerEdits {
  /** Names in `environment` and `secrets`. */
  names(): readonly string[];
  /** An `environment` value as literal text, when it is one. */
  literal(name: string): string | undefined;
  /** Sets an `environment` variable to literal text. */
  setEnvironment(name: string, text: string): void;
  /** Injects a customer secret as the variable `name` (a `secrets` entry). */
  setSecret(name: string, secret: SecretValue): void;
  /** Removes a variable from `environment` and `secrets`; tells where it was. */
  remove(name: string): Span | undefined;
}

/** The configure stage's sink for an ECS container: no secret files, each secret a whole variable of its own. */
export function ecsSink(c: EcsContainerEdits): ClientSink {
  return {
    platform: 'ECS',
    can: { secretFiles: false, secretEnv: true, composites: false, files: false, properties: false },
    settings: () => c.names(),
    literal: (name) => c.literal(name),
    set: (name, value) => {
      if (typeof value === 'string') c.setEnvironment(name, value);
      else {
        const [only] = value.parts;
        // the stage hands an ECS container only whole secrets (composites are refused before)
        if (value.parts.length === 1 && only !== undefined && typeof only !== 'string') c.setSecret(name, only.secret);
      }
    },
    remove: (name) => c.remove(name),
  };
}
