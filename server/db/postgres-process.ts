// initdb and postgres run as child processes whose every failure (spawn errors included) ends
// in a rejected promise with one line saying why, never an unhandled 'error' event.
import { type ChildProcess, spawn } from 'node:child_process';
import type { OsUser } from './postgres-user.ts';

export interface RunOptions {
  /** Who PostgreSQL runs as when we are root. */
  runAs: OsUser | undefined;
  onLog?: (line: string) => void;
}

/** Messages in English whatever the machine's locale: readiness is read from the log. */
const ENV = { ...process.env, LC_MESSAGES: 'C' };
const READY = 'database system is ready to accept connections';
// Crash recovery of a large cluster replays WAL before it is ready: minutes, not seconds.
const START_TIMEOUT_MS = 300_000;

function launch(file: string, args: string[], options: RunOptions): ChildProcess {
  const ids = options.runAs ? { uid: options.runAs.uid, gid: options.runAs.gid } : {};
  // cwd '/': the 'postgres' user may not be allowed into ours. Detached: Ctrl-C in a terminal
  // signals our process group, and a server stopped by it before the app closes its connections
  // would report each as lost; we stop it ourselves once the app is done (and on exit).
  return spawn(file, args, { ...ids, cwd: '/', env: ENV, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
}

/** Runs a program to its end; rejects with the reason and the last lines it printed. */
export function runToEnd(file: string, args: string[], options: RunOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    const output: string[] = [];
    const child = launch(file, args, options);
    const collect = (chunk: Buffer) => keepTail(output, chunk.toString('utf8'), options.onLog);
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    child.once('error', (error) => reject(spawnFailure(file, error, options.runAs)));
    child.once('close', (code, signal) => (code === 0 ? resolve() : reject(new Error(reasonFrom(output) ?? `exited with ${code ?? signal}`))));
  });
}

export interface Postmaster {
  stop(): Promise<void>;
}

/** Starts `postgres` and resolves once it accepts connections. */
export function startPostmaster(file: string, args: string[], options: RunOptions): Promise<Postmaster> {
  return new Promise((resolve, reject) => {
    const output: string[] = [];
    const child = launch(file, args, options);
    let ready = false;
    let exited = false;
    let stopping = false;
    // Whatever ends this process (an error thrown later, process.exit), the server stops too.
    const stopOnExit = () => child.kill('SIGINT');
    process.once('exit', stopOnExit);
    const timer = setTimeout(() => {
      child.kill('SIGINT');
      reject(new Error(`PostgreSQL did not start within ${START_TIMEOUT_MS / 1000} s: ${reasonFrom(output) ?? 'no error logged'}`));
    }, START_TIMEOUT_MS);
    child.stdout?.on('data', (chunk: Buffer) => keepTail(output, chunk.toString('utf8'), options.onLog));
    let recent = ''; // the readiness line may arrive split across two chunks
    child.stderr?.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      keepTail(output, text, options.onLog);
      const seen = recent + text;
      recent = seen.slice(-READY.length);
      if (!ready && seen.includes(READY)) {
        ready = true;
        clearTimeout(timer);
        resolve({ stop });
      }
    });
    const exit = new Promise<void>((done) => child.once('close', () => done()));
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(spawnFailure(file, error, options.runAs));
    });
    void exit.then(() => {
      exited = true;
      clearTimeout(timer);
      process.removeListener('exit', stopOnExit);
      if (!ready) reject(new Error(reasonFrom(output) ?? 'PostgreSQL exited during start-up'));
      else if (!stopping) process.stderr.write(`sevscope: the embedded PostgreSQL stopped unexpectedly: ${reasonFrom(output) ?? 'no error logged'}\n`);
    });
    const stop = async () => {
      stopping = true;
      if (!exited) child.kill('SIGINT'); // fast shutdown: ends sessions, checkpoints, exits
      await exit;
    };
  });
}

function spawnFailure(file: string, error: NodeJS.ErrnoException, runAs: OsUser | undefined): Error {
  const who = runAs ? `the '${runAs.name}' user` : 'this user';
  return new Error(`cannot run ${file} as ${who} (${error.code ?? error.message}): reinstall with npm ci, or set DATABASE_URL to a PostgreSQL server`);
}

function keepTail(lines: string[], text: string, onLog?: (line: string) => void): void {
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    onLog?.(line);
    lines.push(line.trim());
    if (lines.length > 40) lines.shift();
  }
}

/** The lines that say why PostgreSQL failed, joined into one (the last three at most). */
function reasonFrom(lines: string[]): string | undefined {
  const telling = lines.filter((line) => /FATAL|PANIC|ERROR|error|could not|No space|denied/.test(line));
  return telling.length > 0 ? telling.slice(-3).join(' | ') : undefined;
}
