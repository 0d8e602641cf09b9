/**
 * aios history: past `aios do` requests, newest first, with their plans and outcomes.
 */

import { withAtlas } from '../atlas-port.ts';
import type { Command } from '../command.ts';
import { intArg } from '../command.ts';

const command: Command = {
  name: 'history',
  summary: 'Past aios do requests with their plans and outcomes',
  usage: ['history [--limit N] [--json]'],
  help: 'Options:\n  --limit N   how many (default 20)',
  options: { limit: { type: 'string', short: 'n' } },
  async run(ctx) {
    const limit = intArg(ctx.values.limit, '--limit') ?? 20;
    return withAtlas(ctx.home, async (atlas) => {
      const list = await atlas.history(limit);
      if (ctx.json) {
        ctx.out(JSON.stringify(list));
        return 0;
      }
      if (list.length === 0) ctx.out('No requests yet; try: aios do "list the files here"');
      for (const h of list) {
        const undo = h.undone ? ' (undone)' : h.undoId ? `  undo: aios undo ${h.id}` : '';
        ctx.out(
          `${h.id.padStart(4)}  ${h.at.replace('T', ' ').slice(0, 19)}  ${h.status.padEnd(11)}  ${h.request}${undo}`,
        );
        if (h.choice) {
          const { of, by, label, source } = h.choice;
          const who =
            source === 'model' ? ', proposed by the model' : source === 'offline' ? ', proposed offline' : '';
          ctx.out(
            `        chosen among ${of.length} ways ${by === 'score' ? 'by score' : 'by you'}${label ? `: ${label}` : ''}${who}`,
          );
        }
        for (const s of h.steps) {
          const r = h.results.find((x) => x.stepId === s.id);
          const mark = r === undefined ? ' ' : r.ok ? '✓' : '✗';
          ctx.out(`        ${mark} ${s.tool}.${s.action} (risk ${s.risk})${r?.error ? `: ${r.error}` : ''}`);
        }
      }
      return 0;
    });
  },
};

export default command;
