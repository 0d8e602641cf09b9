/**
 * The syscall table rendered for people: rows for `aios syscalls` and the API, and the
 * Markdown of docs/syscalls.md.
 */
import { rightNames } from './rights.ts';
import { SYSCALLS } from './syscalls.ts';

export interface SyscallRow {
  no: number;
  name: string;
  rights: string[];
  args: string;
  doc: string;
}

export function syscallTable(): SyscallRow[] {
  return SYSCALLS.map((s) => ({
    no: s.no,
    name: s.name,
    rights: s.handle ? rightNames(s.handle.rights) : [],
    args: Object.entries(s.args)
      .map(([name, a]) => `${name}${a.optional ? '?' : ''}: ${a.type}`)
      .join(', '),
    doc: s.doc,
  }));
}

export function syscallMarkdown(): string {
  const out = [
    '# aios syscalls',
    '',
    'Generated from `src/kernel/syscalls.ts` by `npm run docs`; do not edit by hand.',
    '',
    'Every call validates its arguments and, where it acts on a handle, checks that the handle names',
    'an object of the right kind and holds the rights listed. Errors are one closed set (see',
    '`src/kernel/errors.ts`).',
    '',
    '| no | name | rights | arguments | description |',
    '| --- | --- | --- | --- | --- |',
  ];
  for (const s of SYSCALLS) {
    const rights = s.handle ? rightNames(s.handle.rights).join(', ') || '(any)' : '—';
    const args = Object.entries(s.args)
      .map(([name, a]) => `\`${name}${a.optional ? '?' : ''}\`: ${a.type.replace(/\|/g, ' \\| ')} — ${a.doc}`)
      .join('<br>');
    out.push(`| ${s.no} | \`${s.name}\` | ${rights} | ${args} | ${s.doc} |`);
  }
  return `${out.join('\n')}\n`;
}

/**
 * The text of src/kernel/syscall-numbers.ts: every syscall's number by name, for code that
 * must not load the table itself (the runtime's wire and lease layouts, which isolates bundle).
 * `npm run docs` writes it; a test fails when the file and the table disagree.
 */
export function syscallNumbersModule(): string {
  const rows = SYSCALLS.map((s) => `  ${s.name}: ${s.no},`);
  return [
    '/**',
    ' * Syscall numbers by name. Generated from the syscall table (src/kernel/syscalls.ts) by',
    ' * `npm run docs` (node scripts/gen-syscall-numbers.ts); do not edit by hand.',
    ' */',
    'export const SYSCALL_NO = {',
    ...rows,
    '} as const;',
    '',
    'export type SyscallName = keyof typeof SYSCALL_NO;',
    '',
  ].join('\n');
}
