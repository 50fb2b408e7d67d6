import { afterEach } from 'vitest';

// A test that does its work synchronously (an in-process compile) resolves without the event loop turning, and so
// does the next one: a file of such tests runs as one long microtask chain. vitest's worker reports progress to the
// main process over an RPC whose reply it can only read when the loop turns, and gives up on it after 60 s
// ("Timeout calling onTaskUpdate", an unhandled error that fails the run). Letting the loop turn after every test
// (a timer, then an immediate: both sides of the poll phase, where the reply is read) keeps each stretch one test long.
afterEach(async () => {
  await new Promise<void>((resolve) => setTimeout(resolve, 0));
  await new Promise<void>((resolve) => setImmediate(resolve));
});
