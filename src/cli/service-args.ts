/**
 * A service operation's command line, read from its declaration: the positionals its `cli`
 * names, in order (the last one takes the remaining words: a text joined by spaces, a list
 * one element each), and every other argument as a `--kebab-case` flag of its schema's type
 * (numbers, booleans, enums, lists comma-separated, objects as JSON). The help of a service
 * and of each of its operations is written from the same declaration.
 *
 * @example
 * opArgs(MEMORYD, 'search', ['who runs the audit', '--limit', '3']);
 * // { args: { query: 'who runs the audit', limit: 3 }, json: false, help: false }
 */
import type { ParseArgsOptionsConfig } from 'node:util';
import type { z } from 'zod';
import { RISK_WORDS } from '../kernel/risk.ts';
import { type Field, fieldsOf, fromStrings } from '../services/args.ts';
import type { ServiceDecl } from '../services/declare.ts';
import { UsageError } from './command.ts';

const { parseArgs } = process.getBuiltinModule('node:util');

/** A usage mistake in one operation: its message points at that operation's help. */
export class OpUsageError extends UsageError {
  readonly hint: string;
  constructor(message: string, hint: string) {
    super(message);
    this.hint = hint;
  }
}

export function flagOf(name: string): string {
  return `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

export interface ParsedOp {
  args: Record<string, unknown>;
  json: boolean;
  help: boolean;
}

/** The arguments of `decl`'s operation `name` from its command line; OpUsageError when they are wrong. */
export function opArgs(decl: ServiceDecl, name: string, argv: string[]): ParsedOp {
  const op = decl.ops[name];
  const hint = `see 'aios ${decl.noun} ${name} --help'`;
  const fields = fieldsOf(op.args);
  const positional = op.cli?.positional ?? [];
  const flags = fields.filter((f) => !positional.includes(f.name));
  const options: ParseArgsOptionsConfig = {
    help: { type: 'boolean', short: 'h' },
    json: { type: 'boolean' },
    debug: { type: 'boolean' },
  };
  for (const f of flags) {
    options[flagOf(f.name).slice(2)] =
      f.type === 'boolean' ? { type: 'boolean' } : { type: 'string', multiple: true };
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    const message = (error as Error).message
      .split('\n')[0]
      .replace(/\. To specify a positional argument.*$/, '');
    throw new OpUsageError(message.replace(/^Unknown option/, 'unknown option'), hint);
  }
  const values = parsed.values as Record<string, string[] | boolean | undefined>;
  if (values.help === true) return { args: {}, json: false, help: true };
  const raw: Record<string, string[]> = {};
  /** What the person typed for each argument, to quote it back. */
  const typed: Record<string, string> = {};
  const byName = new Map(fields.map((f) => [f.name, f]));
  const words = parsed.positionals;
  for (const [i, key] of positional.entries()) {
    const field = byName.get(key);
    const last = i === positional.length - 1;
    const taken = last ? words.slice(i) : words.slice(i, i + 1);
    if (taken.length === 0) continue;
    typed[key] = taken.join(' ');
    if (field?.type === 'array') raw[key] = taken.flatMap(splitList);
    else if (last && field?.type === 'string' && !field.values) raw[key] = [taken.join(' ')];
    else if (taken.length > 1) throw new OpUsageError(`unexpected argument '${taken[1]}'`, hint);
    else raw[key] = taken;
  }
  if (words.length > positional.length && positional.length === 0) {
    throw new OpUsageError(`unexpected argument '${words[0]}'`, hint);
  }
  for (const f of flags) {
    const value = values[flagOf(f.name).slice(2)];
    if (value === undefined) continue;
    if (typeof value === 'boolean') raw[f.name] = [String(value)];
    else {
      typed[f.name] = value.join(',');
      raw[f.name] = f.type === 'array' ? value.flatMap(splitList) : value;
    }
  }
  const args = fromStrings(fields, raw);
  const checked = op.args.safeParse(args);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    const key = String(issue.path[0] ?? '');
    const label = positional.includes(key) ? `<${key}>` : flagOf(key);
    throw new OpUsageError(issueText(issue, label, typed[key]), hint);
  }
  return { args, json: values.json === true, help: false };
}

function splitList(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** One issue of the schema in the words of the command line: which argument, what it must be. */
function issueText(issue: z.core.$ZodIssue, label: string, typed: string | undefined): string {
  const given = typed === undefined ? '' : `, not '${typed}'`;
  if (issue.code === 'invalid_type') {
    if (typed === undefined) return `missing ${label}`;
    const what: Record<string, string> = {
      number: 'a number',
      int: 'a whole number',
      boolean: 'true or false',
      record: 'a JSON object',
      object: 'a JSON object',
      array: 'a list',
      string: 'text',
    };
    return `${label} must be ${what[issue.expected] ?? `a ${issue.expected}`}${given}`;
  }
  if (issue.code === 'invalid_value') {
    return `${label} must be one of ${issue.values.map(String).join(', ')}${given}`;
  }
  if ((issue.code === 'too_small' || issue.code === 'too_big') && issue.origin === 'number') {
    const small = issue.code === 'too_small';
    const limit = Number(small ? issue.minimum : issue.maximum);
    const exact = issue.inclusive !== false;
    const words = small ? (exact ? 'at least' : 'more than') : exact ? 'at most' : 'less than';
    return `${label} must be ${words} ${limit}${given}`;
  }
  if (issue.code === 'unrecognized_keys') return `${label}: not an argument of this operation`;
  const message = issue.message.replace(/^Invalid input: /, '').replace(/^Too (small|big): /, '');
  return `${label}: ${message}${given}`;
}

/** `aios NOUN --help`: the service's operations, one line each. */
export function serviceHelp(decl: ServiceDecl): string {
  const names = Object.keys(decl.ops);
  const width = Math.max(...names.map((n) => n.length));
  return [
    `aios ${decl.noun} — ${decl.summary}`,
    '',
    'Usage:',
    `  aios ${decl.noun} <operation> [arguments] [--json]`,
    '',
    'Operations:',
    ...names.map((n) => `  ${n.padEnd(width)}  ${decl.ops[n].summary}`),
    '',
    `Run 'aios ${decl.noun} <operation> --help' for an operation's arguments.`,
    `The same operations are /v1/${decl.noun}/<operation> in the HTTP API and ${decl.noun}_<operation> in MCP.`,
  ].join('\n');
}

/** `aios NOUN OP --help`: its usage line and every argument with its type. */
export function opHelp(decl: ServiceDecl, name: string): string {
  const op = decl.ops[name];
  const fields = fieldsOf(op.args);
  const positional = op.cli?.positional ?? [];
  const byName = new Map(fields.map((f) => [f.name, f]));
  const rows: [string, string][] = [];
  const usage = [`aios ${decl.noun} ${name}`];
  for (const key of positional) {
    const f = byName.get(key);
    if (!f) continue;
    const label = f.type === 'array' ? `<${key}>…` : `<${key}>`;
    usage.push(f.required ? label : `[${label}]`);
    rows.push([label, describe(f)]);
  }
  for (const f of fields) {
    if (positional.includes(f.name)) continue;
    const label = f.type === 'boolean' ? flagOf(f.name) : `${flagOf(f.name)} ${placeholder(f)}`;
    usage.push(f.required ? label : `[${label}]`);
    rows.push([label, describe(f)]);
  }
  if (op.cli?.watch) {
    usage.push('[--watch]');
    rows.push([
      '--watch',
      'ask again until done, drawing progress (JSON lines off a terminal or with --json)',
    ]);
  }
  usage.push('[--json]');
  rows.push(['--json', 'print the result as JSON, exactly as the API returns it']);
  const width = Math.max(...rows.map(([l]) => l.length));
  return [
    `aios ${decl.noun} ${name} — ${op.summary}`,
    '',
    'Usage:',
    `  ${usage.join(' ')}`,
    '',
    'Arguments:',
    ...rows.map(([l, d]) => `  ${l.padEnd(width)}  ${d}`),
    '',
    `Access: ${op.access}; risk ${op.risk} (${RISK_WORDS[op.risk]}).`,
  ].join('\n');
}

function placeholder(f: Field): string {
  if (f.values) return f.type === 'array' ? `${f.values.join('|')},…` : f.values.join('|');
  if (f.type === 'array') return f.items === 'number' || f.items === 'integer' ? 'N,…' : 'A,…';
  if (f.type === 'number' || f.type === 'integer') return 'N';
  if (f.type === 'object') return 'JSON';
  return 'TEXT';
}

function describe(f: Field): string {
  const kind: Record<Field['type'], string> = {
    string: 'text',
    number: 'a number',
    integer: 'a whole number',
    boolean: 'a switch',
    array: 'a list, comma-separated',
    object: 'a JSON object',
    any: 'a JSON value',
  };
  const parts = [f.values && f.type !== 'array' ? `one of ${f.values.join(', ')}` : kind[f.type]];
  if (f.type === 'array' && f.values) parts.push(`of ${f.values.join(', ')}`);
  if (f.min !== undefined && f.max !== undefined) parts.push(`${f.min} to ${f.max}`);
  else if (f.min !== undefined) parts.push(`at least ${f.min}`);
  else if (f.max !== undefined) parts.push(`at most ${f.max}`);
  if (f.required) parts.push('required');
  if (f.description) parts.push(`— ${f.description}`);
  return parts.join(', ').replace(', —', ' —');
}
