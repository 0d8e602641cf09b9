/**
 * Every system tool Atlas can use, by name; the single list the catalog, the validator and
 * the executor read.
 *
 * @example
 * const def = findAction('files', 'delete'); // ActionDef with schema, risk, preview, run
 */
import { files } from './files/index.ts';
import { gitTool } from './git/index.ts';
import { networkTool } from './network/index.ts';
import { packageTool } from './package/index.ts';
import { processTool } from './process/index.ts';
import { serviceTool } from './service/index.ts';
import { shellTool } from './shell/index.ts';
import { system } from './system/index.ts';
import { text } from './text/index.ts';
import type { ActionDef, ToolDef } from './types.ts';

export const TOOLS: readonly ToolDef[] = [
  files,
  text,
  system,
  processTool,
  gitTool,
  packageTool,
  serviceTool,
  networkTool,
  shellTool,
];

const BY_NAME = new Map<string, ToolDef>(TOOLS.map((t) => [t.name, t]));
const BY_ACTION = new Map<string, ActionDef>(
  TOOLS.flatMap((t) => t.actions.map((a) => [`${t.name}.${a.action}`, a] as [string, ActionDef])),
);

/**
 * Adds tools found at run time (external MCP servers, see mcp/index.ts). A name already taken
 * by a built-in tool is refused. Returns how many tools were added.
 */
export function registerTools(defs: readonly ToolDef[]): number {
  let added = 0;
  for (const def of defs) {
    if (BY_NAME.has(def.name)) continue;
    BY_NAME.set(def.name, def);
    for (const a of def.actions) BY_ACTION.set(`${def.name}.${a.action}`, a);
    added++;
  }
  if (added > 0) version++;
  return added;
}

let version = 0;

/** Changes whenever tools are registered (the catalog rebuilds then). */
export function registryVersion(): number {
  return version;
}

export function toolMap(): ReadonlyMap<string, ToolDef> {
  return BY_NAME;
}

export function findAction(tool: string, action: string): ActionDef | undefined {
  return BY_ACTION.get(`${tool}.${action}`);
}

export function allActions(): ActionDef[] {
  return [...BY_ACTION.values()];
}
