// Runs the installed `sevscope` command as a child process, as a user runs it.
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT = fileURLToPath(new URL('../../', import.meta.url));

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  /** The project whose bin/sevscope.js runs (default: this one); also the working folder. */
  project?: string;
  env?: Record<string, string | undefined>;
  /** The node binary (default: the one running the tests). */
  node?: string;
  /** Run as this user (we must be root). */
  uid?: number;
  gid?: number;
}

export function spawnCli(args: string[], options: CliOptions = {}): ChildProcess {
  const project = options.project ?? PROJECT;
  // No DATABASE_URL or data dir leaks in from the developer's shell: each test says which it wants.
  const env = { ...process.env, DATABASE_URL: undefined, SEVSCOPE_DATA_DIR: undefined, ...options.env };
  const ids = options.uid === undefined ? {} : { uid: options.uid, gid: options.gid ?? options.uid };
  return spawn(options.node ?? process.execPath, [path.join(project, 'bin', 'sevscope.js'), ...args], { ...ids, cwd: project, env, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Runs a command to its end. */
export function runCli(args: string[], options: CliOptions = {}): Promise<CliRun> {
  const child = spawnCli(args, options);
  const run: CliRun = { code: null, stdout: '', stderr: '' };
  child.stdout?.on('data', (chunk: Buffer) => (run.stdout += chunk));
  child.stderr?.on('data', (chunk: Buffer) => (run.stderr += chunk));
  child.on('error', (error) => (run.stderr += `spawn failed: ${error.message}`));
  return new Promise((resolve) => child.on('close', (code) => resolve({ ...run, code })));
}

/** `sevscope start` until it says where it serves; stop() interrupts it as Ctrl-C does. */
export async function startServer(options: CliOptions & { port: number }): Promise<{ output: () => string; stop: () => Promise<number | null> }> {
  const child = spawnCli(['start'], { ...options, env: { ...options.env, PORT: String(options.port) } });
  let output = '';
  const closed = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output += chunk;
      if (output.includes('sevscope is running at')) resolve();
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    void closed.then((code) => reject(new Error(`sevscope start exited with ${code}: ${output}`)));
  });
  return {
    output: () => output,
    stop: () => {
      child.kill('SIGINT');
      return closed;
    },
  };
}

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
