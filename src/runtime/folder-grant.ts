/**
 * What a process-tier agent may read: its own folder, by its real path. Node's permission
 * model checks the path a program names, not where that path leads, so a symbolic link in
 * the folder (to /etc, to ~/.ssh, or ../..) would read anything. Before an agent starts, its
 * folder is walked and any link whose real target lies outside it refuses the start.
 *
 * Not covered: a link someone else adds after the start (the agent itself cannot write),
 * and hard links to outside files (same inode, nothing to see in the folder).
 *
 * @example
 * const { file, folder } = readableFolder('/srv/agents/bot/main.mjs');
 * spawn(node, ['--permission', `--allow-fs-read=${folder}`, CHILD, file]);
 */
import type { Dirent } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { PARAMS } from '../kernel/params.ts';

// Node built-ins with lazy parts come through getBuiltinModule, not import: this module loads
// before `aios up` is ready, and an import would load all those parts (docs/boot.md).
const { readdirSync, readlinkSync, realpathSync } = process.getBuiltinModule('node:fs');

/** The folder cannot be granted: a link leads out of it, or it is too big to check. */
export class FolderDenied extends Error {
  override name = 'FolderDenied';
}

/** The real path of `file` and of the folder to grant; throws FolderDenied. */
export function readableFolder(file: string): { file: string; folder: string } {
  const real = realpathSync(file);
  const folder = dirname(real);
  let entries = 0;
  const pending = [folder];
  while (pending.length > 0) {
    const dir = pending.pop()!;
    let list: Dirent[];
    try {
      list = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue; // unreadable to us is unreadable to the agent, which runs as the same user
    }
    for (const entry of list) {
      if (++entries > PARAMS.PROCESS_FOLDER_ENTRIES_MAX) {
        throw new FolderDenied(
          `the agent's folder '${folder}' holds over ${PARAMS.PROCESS_FOLDER_ENTRIES_MAX} entries; put the agent in a folder of its own`,
        );
      }
      const path = join(dir, entry.name);
      if (entry.isDirectory()) pending.push(path);
      else if (entry.isSymbolicLink()) {
        const target = linkTarget(path);
        if (target !== folder && !target.startsWith(folder + sep)) {
          throw new FolderDenied(
            `'${relative(folder, path)}' is a symbolic link to '${target}', outside the agent's folder '${folder}'; a process-tier agent may read only its folder, so copy what it needs into it`,
          );
        }
      }
    }
  }
  return { file: real, folder };
}

/** Where a link finally leads; for a dangling one, where it would once its target appears. */
function linkTarget(link: string): string {
  try {
    return realpathSync(link);
  } catch {
    return resolve(dirname(link), readlinkSync(link));
  }
}
