#!/usr/bin/env node
// The `sevscope` command (docs/api.md "CLI"): exit 0 on success, 1 on failure, 2 on bad usage.
// The commands, their options and help texts are in cli-program.ts.
import { run } from './cli-program.ts';

// `sevscope quarantine list | head` closes stdout early: that is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const result = await run(process.argv.slice(2));
// Commands other than start are done: do not wait for idle timers.
if (result !== 'serving') process.exit(result);
