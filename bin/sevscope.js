#!/usr/bin/env -S node --max-old-space-size=256
// The installed `sevscope` command: runs the TypeScript CLI through tsx's loader. The heap cap
// makes V8 collect garbage before it grows: a long ingest stays near 200 MB instead of 300+
// (its working set is a few chunks; the duplicate-key set lives off the heap).
import { register } from 'tsx/esm/api';

register();
await import('../server/cli.ts');
