// Optional timing of the refresh's steps, for bench/demo-load.ts: a caller that wants the
// figures runs the load inside timeSteps(); everyone else pays one lookup per step.
// AsyncLocalStorage, so the timer reaches the refresh through the sink's afterWrite without
// a parameter on every function between them.
import { AsyncLocalStorage } from 'node:async_hooks';

/** One timed step, listed when it starts; depth 0 for the outermost. */
export interface StepTime {
  name: string;
  depth: number;
  seconds: number;
}

const current = new AsyncLocalStorage<{ steps: StepTime[]; depth: number }>();

export function timeSteps<T>(steps: StepTime[], run: () => Promise<T>): Promise<T> {
  return current.run({ steps, depth: 0 }, run);
}

export async function step<T>(name: string, run: () => Promise<T>): Promise<T> {
  const context = current.getStore();
  if (!context) return run();
  const entry = { name, depth: context.depth, seconds: 0 };
  context.steps.push(entry);
  const started = process.hrtime.bigint();
  try {
    return await current.run({ steps: context.steps, depth: context.depth + 1 }, run);
  } finally {
    entry.seconds = Number(process.hrtime.bigint() - started) / 1e9;
  }
}
