import { envFamily } from './env/index.js';
import { springBoot } from './spring-boot/index.js';
import type { ClientFamily } from './types.js';

/** Every client family graft knows, in detection order. */
export const families: readonly ClientFamily[] = [springBoot, envFamily];

/** Looks a family up by name. */
export function findFamily(name: string): ClientFamily | undefined {
  return families.find((f) => f.family === name);
}
