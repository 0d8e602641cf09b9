/**
 * Every CLI command, loaded only when it runs (so `aios up` loads what `up` needs).
 */
import type { Command } from './command.ts';

/** The command of the system service whose noun is `name` (`aios memory …`), if there is one. */
export async function serviceCommandNamed(name: string): Promise<Command | undefined> {
  const decl = (await declarations()).find((d) => d.noun === name);
  if (!decl) return undefined;
  // `aios plan run FILE` reads its file on this side: the planner never opens a caller's paths
  if (decl.noun === 'plan') return (await import('./commands/plan.ts')).default;
  // `aios team run GOAL` prints the collaboration as it happens
  if (decl.noun === 'team') return (await import('./commands/team.ts')).default;
  const { serviceCommand } = await import('./service-command.ts');
  return serviceCommand(decl);
}

/** The services' commands for the top help: each noun with its summary. */
export async function serviceEntries(): Promise<{ name: string; summary: string }[]> {
  return (await declarations()).map((d) => ({ name: d.noun, summary: d.summary }));
}

async function declarations() {
  const { serviceDeclarations } = await import('../services/declarations.ts');
  return serviceDeclarations();
}

export interface Entry {
  name: string;
  summary: string;
  load(): Promise<{ default: Command }>;
}

export const COMMANDS: Entry[] = [
  {
    name: 'up',
    summary: 'Boot the kernel and services and serve in the foreground',
    load: () => import('./commands/up.ts'),
  },
  { name: 'ps', summary: 'List agents', load: () => import('./commands/ps.ts') },
  {
    name: 'spawn',
    summary: 'Start a long-lived agent in the running system',
    load: () => import('./commands/spawn.ts'),
  },
  {
    name: 'run',
    summary: 'Run an agent to completion and print its result',
    load: () => import('./commands/run.ts'),
  },
  {
    name: 'supervise',
    summary: 'Start, list and stop supervision trees',
    load: () => import('./commands/supervise.ts'),
  },
  { name: 'kill', summary: 'End agents', load: () => import('./commands/kill.ts') },
  { name: 'suspend', summary: 'Pause agents', load: () => import('./commands/suspend.ts') },
  { name: 'resume', summary: 'Continue suspended agents', load: () => import('./commands/resume.ts') },
  {
    name: 'audit',
    summary: 'Verify, export or follow the audit chain',
    load: () => import('./commands/audit.ts'),
  },
  {
    name: 'token',
    summary: 'Mint, list or revoke capability tokens',
    load: () => import('./commands/token.ts'),
  },
  { name: 'syscalls', summary: 'List the syscall table', load: () => import('./commands/syscalls.ts') },
  {
    name: 'do',
    summary: 'Do something described in plain words (Atlas)',
    load: () => import('./commands/do.ts'),
  },
  { name: 'shell', summary: 'Talk to Atlas interactively', load: () => import('./commands/shell.ts') },
  {
    name: 'undo',
    summary: 'Take back the last (or the named) aios do',
    load: () => import('./commands/undo.ts'),
  },
  {
    name: 'history',
    summary: 'Past aios do requests and their outcomes',
    load: () => import('./commands/history.ts'),
  },
  {
    name: 'stats',
    summary: 'LLM tokens and cost per model, plan cache and feedback',
    load: () => import('./commands/stats.ts'),
  },
  {
    name: 'feedback',
    summary: 'Rate the plan of the last (or a named) aios do',
    load: () => import('./commands/feedback.ts'),
  },
  { name: 'logs', summary: 'Show and follow the structured logs', load: () => import('./commands/logs.ts') },
  {
    name: 'mcp',
    summary: 'Serve aios tools to an MCP client over stdio',
    load: () => import('./commands/mcp.ts'),
  },
];
