/**
 * aios mcp [--token TOKEN]: serve aios's tools to an MCP client over stdio. With a token (or
 * AIOS_TOKEN) the tools act with that token's rights; without one, with the owner's. Uses
 * the running system when there is one; otherwise runs one for as long as the client stays.
 */
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { send } from '../../api/client.ts';
import { createMcpServer, type Invoke, invokeVia } from '../../api/mcp.ts';
import { socketPath } from '../../platform/paths.ts';
import { type Command, UsageError } from '../command.ts';
import { isUp } from '../connect.ts';

const mcp: Command = {
  name: 'mcp',
  summary: 'Serve aios tools to an MCP client over stdio',
  usage: ['mcp [--token TOKEN]'],
  help: `Speaks MCP (JSON-RPC) on stdin/stdout. Tools: system_status, agents_list, agent_get,
agent_spawn, agent_kill, agent_suspend, agent_resume, scheduler_state, ipc_stats,
audit_page, audit_verify, atlas_tools, atlas_plan, atlas_execute, atlas_undo, atlas_history,
and one per operation of each system service: memory_put, memory_search, … (aios memory --help).

  --token TOKEN   act with this capability token's rights (default: $AIOS_TOKEN, else the owner's)

The same tools are served over streamable HTTP at /mcp by aios up (bearer token required).
Example client configuration: {"command": "aios", "args": ["mcp"], "env": {"AIOS_TOKEN": "…"}}`,
  options: { token: { type: 'string' } },
  async run(ctx) {
    const token = (ctx.values.token as string | undefined) ?? process.env.AIOS_TOKEN;
    if (token !== undefined && !token.startsWith('aios1.')) {
      throw new UsageError('--token must be a capability token (aios1.…); mint one with aios token mint');
    }
    const authorization = token ? `Bearer ${token}` : undefined;
    let invoke: Invoke;
    let shutdown = async () => {};
    if (isUp(ctx.home)) {
      const socket = socketPath(ctx.home);
      invoke = invokeVia(async (path, init) => {
        const headers = init.headers as Record<string, string>;
        const { status, text } = await send(socket, init.method ?? 'GET', path, headers, init.body as string);
        return new Response(text === '' ? null : text, { status });
      }, authorization);
    } else {
      const { boot } = await import('../../boot.ts');
      const { createApp } = await import('../../api/app.ts');
      const system = await boot({ home: ctx.home });
      await system.startServices(); // the services' tools call them
      const app = createApp(system, { owner: true });
      invoke = invokeVia((path, init) => app.request(path, init), authorization);
      shutdown = () => system.shutdown();
    }
    const { serviceDeclarations } = await import('../../services/declarations.ts');
    const server = createMcpServer(invoke, { services: await serviceDeclarations() });
    const transport = new StdioServerTransport();
    const closed = new Promise<void>((resolve) => {
      transport.onclose = () => resolve();
      process.stdin.once('end', () => resolve());
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    });
    await server.connect(transport);
    await closed;
    await server.close();
    await shutdown();
    return 0;
  },
};

export default mcp;
