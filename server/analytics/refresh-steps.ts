// The refresh's named steps, watched by whoever wants them: bench/demo-load.ts times them
// (timeSteps), a job reports them as its progress (watchSteps); everyone else pays one lookup
// per step. AsyncLocalStorage, so the watcher reaches the refresh without a parameter on every
// function between them.
import { AsyncLocalStorage } from 'node:async_hooks';

/** One timed step, listed when it starts; depth 0 for the outermost. */
export interface StepTime {
  name: string;
  depth: number;
  seconds: number;
}

interface StepContext {
  depth: number;
  steps?: StepTime[];
  onStep?: (name: string, depth: number) => void;
}

const current = new AsyncLocalStorage<StepContext>();

export function timeSteps<T>(steps: StepTime[], run: () => Promise<T>): Promise<T> {
  return current.run({ steps, depth: 0 }, run);
}

/** Calls onStep as each step starts, with its nesting depth (0 for the outermost). */
export function watchSteps<T>(onStep: (name: string, depth: number) => void, run: () => Promise<T>): Promise<T> {
  return current.run({ onStep, depth: 0 }, run);
}

export async function step<T>(name: string, run: () => Promise<T>): Promise<T> {
  const context = current.getStore();
  if (!context) return run();
  context.onStep?.(name, context.depth);
  const entry = { name, depth: context.depth, seconds: 0 };
  context.steps?.push(entry);
  const started = process.hrtime.bigint();
  try {
    return await current.run({ ...context, depth: context.depth + 1 }, run);
  } finally {
    entry.seconds = Number(process.hrtime.bigint() - started) / 1e9;
  }
}
