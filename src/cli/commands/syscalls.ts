/**
 * aios syscalls: the syscall table (also as Markdown, for docs/syscalls.md).
 */
import { syscallMarkdown, syscallTable } from '../../kernel/index.ts';
import type { Command } from '../command.ts';
import { table } from '../format.ts';

const syscalls: Command = {
  name: 'syscalls',
  summary: 'List the syscall table',
  usage: ['syscalls [--markdown] [--json]'],
  options: { markdown: { type: 'boolean' } },
  async run(ctx) {
    if (ctx.values.markdown) {
      ctx.out(syscallMarkdown().trimEnd());
      return 0;
    }
    const rows = syscallTable();
    if (ctx.json) {
      ctx.out(JSON.stringify(rows));
      return 0;
    }
    for (const line of table(
      ['NO', 'NAME', 'RIGHTS', 'DESCRIPTION'],
      rows.map((r) => [r.no, r.name, r.rights.join(',') || '-', r.doc]),
    )) {
      ctx.out(line);
    }
    return 0;
  },
};

export default syscalls;
