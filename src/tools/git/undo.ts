/**
 * Reversing what a git action journaled (change.ts): a commit is reset softly to its parent
 * (refused if HEAD has moved since), a created branch is deleted and a deleted one recreated at
 * its commit, a checkout goes back to the branch it left, a stash pushed is popped and a stash
 * popped is taken out of the working tree and stored again. The index, where an action saved
 * it, comes back through the journal's saved files, not here.
 *
 * @example
 * const line = await undoGit('uncommit', { repo: top, commit, parent }, ctx);
 */
import { type ToolContext, ToolError } from '../types.ts';
import { head } from './repo.ts';
import { git } from './run.ts';

/** Reverses the undo entry `op` of a git action; returns the line that tells what it did. */
export async function undoGit(op: string, data: Record<string, unknown>, ctx: ToolContext): Promise<string> {
  const top = String(data.repo);
  switch (op) {
    case 'uncommit': {
      const now = await head(ctx, top);
      if (now !== data.commit)
        throw new ToolError(`HEAD moved since commit ${String(data.commit).slice(0, 8)}; not resetting`);
      if (data.parent) await git(ctx, top, ['reset', '--soft', String(data.parent)]);
      else await git(ctx, top, ['update-ref', '-d', 'HEAD']);
      return `${top}: commit ${String(data.commit).slice(0, 8)} undone (its changes are staged again)`;
    }
    case 'delete-branch':
      await git(ctx, top, ['branch', '-D', String(data.name)]);
      return `${top}: branch ${String(data.name)} deleted`;
    case 'recreate-branch':
      await git(ctx, top, ['branch', String(data.name), String(data.commit)]);
      return `${top}: branch ${String(data.name)} recreated at ${String(data.commit).slice(0, 8)}`;
    case 'checkout-back':
      await git(ctx, top, ['checkout', String(data.to)]);
      if (data.created) await git(ctx, top, ['branch', '-D', String(data.created)]);
      return `${top}: back on ${String(data.to)}`;
    case 'unstash':
      await git(ctx, top, ['stash', 'pop']);
      return `${top}: stashed changes restored`;
    case 'restash': {
      const patch = await git(ctx, top, [
        'stash',
        'show',
        '-p',
        '--no-ext-diff',
        '--no-textconv',
        String(data.commit),
      ]);
      await git(ctx, top, ['apply', '-R'], patch);
      await git(ctx, top, ['stash', 'store', '-m', String(data.subject), String(data.commit)]);
      return `${top}: stash ${String(data.commit).slice(0, 8)} put back`;
    }
    default:
      throw new ToolError(`Unknown git undo '${op}'`);
  }
}
