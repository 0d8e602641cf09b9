/**
 * aios undo [ID]: take back the last `aios do` that changed something (or the one named):
 * deleted files come back from the undo store, moved ones go back, overwritten ones get their
 * old content, created ones are put away. Works after a restart.
 */
import { withAtlas } from '../atlas-port.ts';
import type { Command } from '../command.ts';
import { UsageError } from '../command.ts';

const command: Command = {
  name: 'undo',
  summary: 'Take back the last (or the named) aios do',
  usage: ['undo [ID] [--json]'],
  help: `ID is the number 'aios do' printed (see 'aios history'); without it, the last request
that changed something is undone.`,
  maxPositionals: 1,
  async run(ctx) {
    const id = ctx.positionals[0];
    if (id !== undefined && !/^\d{1,12}$/.test(id))
      throw new UsageError(`'${id}' is not a request id; see 'aios history'`);
    return withAtlas(ctx.home, async (atlas) => {
      const r = await atlas.undo(id);
      if (ctx.json) ctx.out(JSON.stringify({ ok: r.conflicts.length === 0, ...r }));
      else {
        ctx.out(`Undid request ${r.undoId}:`);
        for (const line of r.restored) ctx.out(`  ${line}`);
        if (r.restored.length === 0) ctx.out('  (nothing left to restore)');
        for (const c of r.conflicts) ctx.err(`aios undo: ${c}`);
      }
      return r.conflicts.length === 0 ? 0 : 1;
    });
  },
};

export default command;
