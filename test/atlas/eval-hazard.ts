/**
 * What the evaluation will not run. It runs as root on a machine shared with other people,
 * so a step whose effect would leave the fixture is judged as planned instead: apt installs
 * and removals, service changes, kills of processes the case did not start, shell commands
 * other than a few read-only ones.
 *
 * @example
 * hazardOf(plan.steps, { cwd, pids })   // 'kill processes it was not asked about (812)' or undefined
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { PlannedStep } from '../../src/shell/types.ts';

const SAFE_COMMANDS = new Set([
  'echo',
  'ls',
  'cat',
  'pwd',
  'whoami',
  'hostname',
  'uname',
  'date',
  'df',
  'du',
  'free',
  'uptime',
  'nproc',
  'wc',
  'head',
  'tail',
  'grep',
  'ps',
  'which',
  'node',
  'python3',
  'python',
]);

/** What a plan would do beyond the fixture, or undefined when all of it stays inside. */
export function hazardOf(
  steps: readonly PlannedStep[],
  own: { cwd: string; pids: readonly number[] },
): string | undefined {
  const ownPids = own.pids;
  for (const s of steps) {
    const a = s.args as Record<string, unknown>;
    // The package tool's own default: npm where a package.json is, else apt.
    const manager = a.manager ?? (existsSync(join(own.cwd, 'package.json')) ? 'npm' : 'apt');
    if (s.tool === 'package' && (s.action === 'install' || s.action === 'remove') && manager !== 'npm')
      return `${s.action} system packages (${JSON.stringify(a.names)})`;
    if (s.tool === 'service' && s.action !== 'status') return `${s.action} the service ${String(a.name)}`;
    if (s.tool === 'process' && s.action === 'kill') {
      const pids = (a.pids as number[] | undefined) ?? [];
      const foreign = pids.filter((p) => !ownPids.includes(p));
      if (pids.length === 0 || foreign.length > 0)
        return `kill processes it was not asked about (${foreign.join(', ') || String(a.name)})`;
    }
    if (s.tool === 'shell') {
      const command = String(a.command);
      const first = command.trim().split(/\s+/)[0];
      if (/[;&|<>`$()]/.test(command) || !SAFE_COMMANDS.has(first))
        return `run the shell command '${command}'`;
    }
  }
  return undefined;
}
