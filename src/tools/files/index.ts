/**
 * The files tool: list, find, inspect, read, write, copy, move, rename many, delete (into the undo store),
 * archive, list and extract archives, organise, find duplicates, disk usage of a tree, and the
 * checks Atlas adds around a change (an inventory before it, a verification after it).
 */
import type { ToolDef } from '../types.ts';
import { archive, contents, extract } from './archive.ts';
import { append, copy, mkdir, move, remove, write } from './change.ts';
import { inventory, verify } from './check.ts';
import { duplicates, find, list, read, stat, usage } from './inspect.ts';
import { organise } from './organise.ts';
import { rename } from './rename.ts';

export const files: ToolDef = {
  name: 'files',
  summary: 'Files and directories',
  actions: [
    list,
    find,
    stat,
    read,
    write,
    append,
    mkdir,
    copy,
    move,
    rename,
    remove,
    archive,
    extract,
    contents,
    organise,
    duplicates,
    usage,
    inventory,
    verify,
  ],
};
