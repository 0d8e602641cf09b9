/**
 * Test environments: a fresh temporary directory per test with HOME and AIOS_HOME inside it,
 * and the aios CLI run as a real child process on Node 24.
 *
 * @example
 * const env = await testEnv(t);            // removed when the test ends
 * const r = await aios(env, ['run', file]);
 * assert.equal(r.code, 0);
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const AIOS_BIN = join(ROOT, 'bin', 'aios.js');

export interface TestEnv {
  dir: string;
  home: string;
  aiosHome: string;
  env: NodeJS.ProcessEnv;
}

/** A temporary directory with HOME and AIOS_HOME inside; removed after the test. */
export function testEnv(t?: { after(fn: () => void): void }): TestEnv {
  const dir = mkdtempSync(join(tmpdir(), 'aios-test-'));
  const home = join(dir, 'home');
  const aiosHome = join(home, '.aios');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: home,
    AIOS_HOME: aiosHome,
    NODE_OPTIONS: '',
  };
  if (t) t.after(() => rmSync(dir, { recursive: true, force: true }));
  return { dir, home, aiosHome, env };
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `aios args...` to completion. */
export function aios(
  env: TestEnv,
  args: string[],
  options: { cwd?: string; input?: string; timeoutMs?: number } = {},
): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [AIOS_BIN, ...args], { env: env.env, cwd: options.cwd ?? env.dir });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ code: code ?? -1, stdout, stderr });
    });
    if (options.input !== undefined) child.stdin.end(options.input);
    else child.stdin.end();
  });
}

export interface Running {
  child: ChildProcess;
  /** The ready line. */
  ready: string;
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<number>;
}

/** Starts `aios up` (with --port 0 unless given) and resolves once it prints its ready line. */
export function aiosUp(env: TestEnv, args: string[] = ['--port', '0']): Promise<Running> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [AIOS_BIN, 'up', ...args], { env: env.env, cwd: env.dir });
    let out = '';
    const onData = (d: Buffer) => {
      out += d;
      const line = out.split('\n').find((l) => l.includes('ready'));
      if (line) {
        child.stdout.off('data', onData);
        child.stdout.on('data', (more) => {
          out += more;
        });
        resolvePromise({
          child,
          ready: line,
          output: () => out,
          stop: (signal = 'SIGTERM') =>
            new Promise((done) => {
              if (child.exitCode !== null) return done(child.exitCode);
              child.once('exit', (code, sig) => done(code ?? (sig === 'SIGKILL' ? 137 : 1)));
              child.kill(signal);
            }),
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (d) => {
      out += d;
    });
    child.on('exit', (code) => reject(new Error(`aios up exited with ${code} before ready:\n${out}`)));
  });
}
