/**
 * A small tool catalog and a tiny offline translator for the intelligence layer's tests and
 * benchmark. The real catalog (src/tools) and offline translator (src/intel/offline) are
 * passed in at run time; these stand in with the same shapes.
 *
 * @example
 * const t = await createTranslator({ home, env, offline: fixtureOffline, catalog: () => CATALOG });
 */
import { z } from 'zod';
import type { CatalogEntry, TranslateContext, Translation, Translator } from '../../src/intel/intent.ts';

const schema = (s: z.ZodType) => z.toJSONSchema(s, { io: 'input' }) as Record<string, unknown>;

export const CATALOG: CatalogEntry[] = [
  {
    tool: 'files',
    action: 'list',
    summary: 'List the entries of a directory',
    risk: 0,
    args: schema(z.object({ path: z.string().default('.') }).strict()),
  },
  {
    tool: 'files',
    action: 'find',
    summary: 'Find files by name, extension, size or age, optionally sorted and limited',
    risk: 0,
    args: schema(
      z
        .object({
          path: z.string().default('.'),
          name: z.string().optional(),
          ext: z.string().optional(),
          minBytes: z.number().int().min(0).optional(),
          olderThanDays: z.number().min(0).optional(),
          sort: z.enum(['size', 'name', 'age']).optional(),
          limit: z.number().int().min(1).max(1000).optional(),
        })
        .strict(),
    ),
  },
  {
    tool: 'files',
    action: 'archive',
    summary: 'Pack files into a tar.gz or zip archive',
    risk: 1,
    args: schema(
      z
        .object({
          paths: z.array(z.string()).min(1),
          dest: z.string(),
          format: z.enum(['tar.gz', 'zip']).optional(),
        })
        .strict(),
    ),
  },
  {
    tool: 'files',
    action: 'delete',
    summary: 'Delete files (kept in the undo store)',
    risk: 3,
    args: schema(z.object({ paths: z.array(z.string()).min(1) }).strict()),
  },
  {
    tool: 'system',
    action: 'disk',
    summary: 'Disk usage of each mounted filesystem',
    risk: 0,
    args: schema(z.object({}).strict()),
  },
];

/** Understands "list files" and "disk usage"; anything else gets suggestions. */
export const fixtureOffline: Translator = {
  name: 'offline',
  async translate(request: string, _context: TranslateContext): Promise<Translation> {
    const r = request.toLowerCase();
    if (/\blist\b.*\bfiles\b/.test(r)) {
      return {
        source: 'offline',
        plan: {
          goal: 'List the files here',
          requiresConfirmation: false,
          steps: [{ id: 's1', tool: 'files', action: 'list', args: { path: '.' }, risk: 0, dependsOn: [] }],
        },
      };
    }
    if (/\bdisk\b/.test(r)) {
      return {
        source: 'offline',
        plan: {
          goal: 'Show disk usage',
          requiresConfirmation: false,
          steps: [{ id: 's1', tool: 'system', action: 'disk', args: {}, risk: 0, dependsOn: [] }],
        },
      };
    }
    return { source: 'offline', suggestions: ['list files', 'show disk usage'] };
  },
};
