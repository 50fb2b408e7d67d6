/** A bug in graft itself: never reported as a user diagnostic. */
export class InternalError extends Error {
  constructor(message: string) {
    super(`internal error: ${message}`);
    this.name = 'InternalError';
  }
}

/** The default of an exhaustive switch: the compiler rejects the call while any case is unhandled. */
export function unhandled(value: never, what: string): never {
  throw new InternalError(`unhandled ${what} ${JSON.stringify(value)}`);
}
