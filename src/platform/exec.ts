/**
 * Running a program as a child process: no shell unless asked, a time limit, an output cap
 * and the exit code, stdout and stderr. The system tools (git, npm, apt, systemctl, a shell
 * command the user confirmed) all go through here.
 *
 * @example
 * const r = await runProgram('git', ['status', '--porcelain'], { cwd });
 * if (r.code !== 0) throw new Error(r.stderr);
 */
import { spawn } from 'node:child_process';

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Kill the program after this many ms (default 60 s). */
  timeoutMs?: number;
  /** Keep at most this many bytes of each stream (default 4 MiB). */
  maxBytes?: number;
  input?: string;
  /** Run `command` through /bin/sh -c (only for the shell tool's confirmed commands). */
  shell?: boolean;
  signal?: AbortSignal;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
  /** The program was killed for running too long. */
  timedOut: boolean;
  /** The program was not found. */
  missing: boolean;
}

export function runProgram(command: string, args: string[], options: RunOptions = {}): Promise<RunResult> {
  const maxBytes = options.maxBytes ?? 4 * 1024 * 1024;
  return new Promise((resolve) => {
    const child = options.shell
      ? spawn('/bin/sh', ['-c', command], { cwd: options.cwd, env: options.env, signal: options.signal })
      : spawn(command, args, { cwd: options.cwd, env: options.env, signal: options.signal });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let outBytes = 0;
    let errBytes = 0;
    let timedOut = false;
    let missing = false;
    child.stdout.on('data', (d: Buffer) => {
      if (outBytes < maxBytes) out.push(d);
      outBytes += d.length;
    });
    child.stderr.on('data', (d: Buffer) => {
      if (errBytes < maxBytes) err.push(d);
      errBytes += d.length;
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs ?? 60_000);
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') missing = true;
      else err.push(Buffer.from(error.message));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({
        code: code ?? (timedOut ? 124 : 1),
        stdout: Buffer.concat(out).toString('utf8').slice(0, maxBytes),
        stderr: Buffer.concat(err).toString('utf8').slice(0, maxBytes),
        timedOut,
        missing,
      });
    });
    if (options.input !== undefined) child.stdin.end(options.input);
    else child.stdin.end();
  });
}

/** Whether `program` can be found on PATH. */
export async function hasProgram(program: string): Promise<boolean> {
  const r = await runProgram(program, ['--version'], { timeoutMs: 5000, maxBytes: 1024 });
  return !r.missing;
}
