/**
 * External MCP servers as Atlas tools: each configured server becomes a tool named
 * `mcp-<server>` whose actions are the server's tools, with their argument schemas (JSON
 * Schema -> zod) and risks (see client.ts). Atlas treats them like its own tools: the kernel
 * authorises each call at its risk (tool_invoke) and the audit chain records it. What an
 * external server changes, aios cannot undo, and the preview says so.
 *
 * @example
 * const added = await registerMcpTools(system.home);   // once, before planning
 */
import { z } from 'zod';
import { registerTools } from '../registry.ts';
import { action, type ToolDef } from '../types.ts';
import { type ExternalTool, loadMcpConfig, McpPool } from './client.ts';

/** The ToolDef for one server's tools. */
export function mcpTool(server: string, tools: ExternalTool[], pool: McpPool): ToolDef {
  return {
    name: `mcp-${server}`,
    summary: `Tools of the external MCP server '${server}'`,
    actions: tools.map((t) =>
      action<Record<string, unknown>>({
        tool: `mcp-${server}`,
        action: t.name,
        summary: t.description,
        args: argsSchema(t.inputSchema),
        risk: t.risk,
        preview: async (args) => ({
          summary: `${server}.${t.name} ${JSON.stringify(args).slice(0, 160)}`,
          paths: [],
          bytes: 0,
          target: `mcp:${server}/${t.name}`,
          ...(t.risk > 0 ? { irreversible: `an external MCP server's action; aios cannot undo it` } : {}),
        }),
        run: (args) => pool.call(server, t.name, args),
      }),
    ),
  };
}

function argsSchema(schema: Record<string, unknown>): z.ZodType<Record<string, unknown>> {
  try {
    return z.fromJSONSchema(schema as never) as z.ZodType<Record<string, unknown>>;
  } catch {
    return z.record(z.string(), z.unknown()); // a schema zod cannot read: the server checks its arguments
  }
}

/** By AIOS_HOME: each system's servers are looked up once. */
const registered = new Map<string, Promise<number>>();

/**
 * Connects to the servers in $AIOS_HOME/mcp.json (once) and adds their tools to the registry.
 * A server that cannot be reached is skipped (and tried again on the next call); `warn` hears why.
 */
export function registerMcpTools(
  aiosHome: string,
  warn: (message: string) => void = () => {},
  atShutdown: (close: () => Promise<void>) => void = () => {},
): Promise<number> {
  let done = registered.get(aiosHome);
  if (done) return done;
  done = (async () => {
    const servers = loadMcpConfig(aiosHome);
    const pool = new McpPool(servers);
    if (pool.names.length > 0) atShutdown(() => pool.close()); // their processes end with the system
    const defs: ToolDef[] = [];
    let failed = false;
    for (const server of pool.names) {
      try {
        defs.push(mcpTool(server, await pool.tools(server), pool));
      } catch (error) {
        failed = true;
        warn(`MCP server '${server}' is unavailable: ${(error as Error).message}`);
      }
    }
    if (failed) registered.delete(aiosHome);
    return registerTools(defs);
  })();
  registered.set(aiosHome, done);
  return done;
}
