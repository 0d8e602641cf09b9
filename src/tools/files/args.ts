/**
 * Argument pieces the files and text tools share: a path, a set of source paths (given, or
 * the paths an earlier step produced), filters by name, extension, size and age.
 */
import { z } from 'zod';
import { ToolError } from '../types.ts';

export const PathArg = z.string().min(1).max(4096).describe('A path, relative to the current directory');

/** Paths to act on: `paths`, or `from`, the id of an earlier step whose resulting paths to use. */
export const SourceArgs = {
  paths: z.array(PathArg).min(1).max(10_000).optional().describe('Paths to act on'),
  from: z.string().min(1).max(32).optional().describe('Id of an earlier step whose resulting paths to use'),
};

export const Duration = z
  .string()
  .regex(/^\d+(\.\d+)?\s*(s|m|h|d|w|mo|y)$/, 'a duration like 30m, 12h, 7d, 2w, 3mo or 1y');

export const Ext = z
  .string()
  .min(1)
  .max(16)
  .regex(/^[a-z0-9][a-z0-9.+_-]*$/, 'an extension without the dot, in lowercase');

/** The paths of a step whose `from` Atlas has already replaced with `paths`. */
export function sources(args: { paths?: string[]; from?: string }): string[] {
  if (args.paths && args.paths.length > 0) return args.paths;
  if (args.from) throw new ToolError(`The paths of step '${args.from}' were not resolved`);
  throw new ToolError('No paths to act on; name the files');
}
