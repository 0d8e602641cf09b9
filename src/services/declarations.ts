/**
 * The declarations of the system services aios runs, for the CLI: `aios NOUN …` reads them
 * without a running system and without loading the services' runtime (system.ts, whose
 * SYSTEM_SERVICES starts them, costs about a second to load; each module here holds only zod
 * schemas). A test holds this list equal to SYSTEM_SERVICES' declarations; the HTTP routes,
 * OpenAPI paths and MCP tools come from the running system's gateway, which answers the same.
 *
 * @example
 * const memory = (await serviceDeclarations()).find((d) => d.noun === 'memory');
 */
import type { ServiceDecl } from './declare.ts';

export async function serviceDeclarations(): Promise<ServiceDecl[]> {
  const [{ MEMORYD }, { BUSD }, { SEMANTIC_IPCD }, { PLANNER }, { TEAMS }] = await Promise.all([
    import('./memoryd/ops.ts'),
    import('./bus/ops.ts'),
    import('./intents/ops.ts'),
    import('./planner/ops.ts'),
    import('./teams/ops.ts'),
  ]);
  return [MEMORYD, BUSD, SEMANTIC_IPCD, PLANNER, TEAMS];
}
