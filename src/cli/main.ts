/**
 * The `aios` command line: argv -> command. Exit codes: 0 ok, 1 failure, 2 usage error.
 * Errors are one line; --debug adds the stack.
 */
import type { ParseArgsOptionsConfig } from 'node:util';
import { DiskFullError, isDiskFull } from '../platform/disk-full.ts';
import { aiosHome } from '../platform/paths.ts';
import { type Command, type CommandContext, UsageError } from './command.ts';
import { printable } from './printable.ts';
import { COMMANDS, serviceCommandNamed, serviceEntries } from './registry.ts';

// Node built-ins with lazy parts come through getBuiltinModule, not import: this module loads
// before `aios up` is ready, and an import would load all those parts (docs/boot.md).
const { parseArgs } = process.getBuiltinModule('node:util');

const GLOBAL: ParseArgsOptionsConfig = {
  help: { type: 'boolean', short: 'h' },
  json: { type: 'boolean' },
  debug: { type: 'boolean' },
};

export const VERSION = '0.1.0';

export async function main(argv: string[], io = { out: console.log, err: console.error }): Promise<number> {
  const debug = argv.includes('--debug');
  const name = argv[0];
  let where = 'aios';
  try {
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      io.out(await topHelp());
      return name === undefined ? 2 : 0;
    }
    if (name === '--version' || name === '-v') {
      io.out(VERSION);
      return 0;
    }
    const entry = COMMANDS.find((c) => c.name === name);
    // the system services' commands come from their declarations, loaded only when asked for
    const command = entry ? (await entry.load()).default : await serviceCommandNamed(name);
    if (!command) {
      throw new UsageError(`unknown command '${name}'; run 'aios --help' to see the commands`);
    }
    where = `aios ${name}`;
    const out = (line = '') => io.out(printable(line));
    const err = (line: string) => io.err(printable(line));
    if (command.ownArgs) {
      const rest = argv.slice(1).filter((a) => a !== '--debug');
      const json = rest.includes('--json');
      return await command.run({ values: {}, positionals: rest, json, debug, home: aiosHome(), out, err });
    }
    const { values, positionals } = parseArgs({
      args: argv.slice(1),
      options: { ...GLOBAL, ...command.options },
      allowPositionals: true,
      strict: true,
    });
    if (values.help) {
      io.out(commandHelp(command));
      return 0;
    }
    if (positionals.length > (command.maxPositionals ?? 0)) {
      throw new UsageError(`unexpected argument '${positionals[command.maxPositionals ?? 0]}'`);
    }
    const ctx: CommandContext = {
      values: values as CommandContext['values'],
      positionals,
      json: values.json === true,
      debug,
      home: aiosHome(),
      // Whatever a command prints may quote agents, files or models: no control codes reach the terminal.
      out,
      err,
    };
    return await command.run(ctx);
  } catch (error) {
    return report(error, where, debug, (line) => io.err(printable(line)));
  }
}

function report(error: unknown, where: string, debug: boolean, err: (line: string) => void): number {
  const e = error as Error & { code?: string; hint?: string };
  if (error instanceof UsageError || (typeof e?.code === 'string' && e.code.startsWith('ERR_PARSE_ARGS'))) {
    const hint = e.hint ? ` (${e.hint})` : where === 'aios' ? '' : ` (see '${where} --help')`;
    err(`${where}: ${cleanParseMessage(e.message)}${hint}`);
    if (debug) err(String(e.stack));
    return 2;
  }
  if (isDiskFull(error) && !(error instanceof DiskFullError)) {
    err(`${where}: the disk is full (${e.message}); free some space and try again`);
    return 1;
  }
  const known = e && typeof e.message === 'string' && e.name !== 'TypeError' && e.name !== 'ReferenceError';
  err(
    `${where}: ${known ? e.message : `unexpected error: ${String(e?.message ?? error)} (run with --debug for details)`}`,
  );
  if (debug) err(String(e?.stack ?? error));
  return 1;
}

function cleanParseMessage(message: string): string {
  return message.split('\n')[0].replace(/\. To specify a positional argument.*$/, '');
}

async function topHelp(): Promise<string> {
  const services = await serviceEntries();
  const width = Math.max(...[...COMMANDS, ...services].map((c) => c.name.length));
  return [
    'aios — an operating system for AI agents',
    '',
    'Usage: aios <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'System services (each operation is also /v1/<service>/<operation> in the API and an MCP tool):',
    ...services.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Every command takes --help, --json (machine-readable output) and --debug.',
    'State lives in $AIOS_HOME (default ~/.aios).',
  ].join('\n');
}

export function commandHelp(command: Command): string {
  const lines = [`aios ${command.name} — ${command.summary}`, '', 'Usage:'];
  for (const u of command.usage) lines.push(`  aios ${u}`);
  if (command.help) lines.push('', command.help.trimEnd());
  lines.push('', 'Global options: --help, --json, --debug');
  return lines.join('\n');
}
