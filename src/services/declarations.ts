/**
 * The declarations of the system services aios runs, the one list every surface derives from:
 * the CLI's `aios NOUN …` commands read it without a running system; a running system's gateway
 * answers the same list. A new service gets its SDK namespace, CLI command, HTTP routes, OpenAPI
 * paths and MCP tools by being added here. Each module holds zod schemas only (no engine), and
 * loads when asked, never on the way to `aios up`'s ready line.
 *
 * @example
 * const memory = (await serviceDeclarations()).find((d) => d.noun === 'memory');
 */
import type { ServiceDecl } from './declare.ts';

export async function serviceDeclarations(): Promise<ServiceDecl[]> {
  const [{ MEMORYD }] = await Promise.all([import('./memoryd/ops.ts')]);
  return [MEMORYD];
}
