/**
 * External MCP servers Atlas may use as tools, configured in $AIOS_HOME/mcp.json in the
 * format MCP clients share:
 *
 *   { "mcpServers": {
 *       "notes": { "command": "node", "args": ["notes-server.js"], "env": {}, "risk": 1 },
 *       "search": { "url": "http://127.0.0.1:9000/mcp", "headers": {}, "risk": 0 } } }
 *
 * `risk` (0-3, default 2) is the risk Atlas gives a call of that server's tools, unless the
 * server marks a tool read-only (0) or destructive (3), or `tools` overrides one by name. The
 * risk decides which rights the kernel demands before each call (tool_invoke), and the call
 * is recorded in the audit chain like every other tool action.
 *
 * @example
 * const servers = loadMcpConfig(home);
 * const pool = new McpPool(servers);
 * const tools = await pool.tools('notes');        // [{ name, description, inputSchema, risk }]
 * const out = await pool.call('notes', 'add', { text: 'hi' });
 * await pool.close();
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { z } from 'zod';
import pkg from '../../../package.json' with { type: 'json' };
import { Risk } from '../../intel/intent.ts';
import { RISK } from '../../kernel/risk.ts';

const ServerConfig = z.union([
  z
    .object({
      command: z.string().min(1),
      args: z.array(z.string()).default([]),
      env: z.record(z.string(), z.string()).default({}),
      cwd: z.string().optional(),
      risk: Risk.default(RISK.OVERWRITE),
      tools: z.record(z.string(), Risk).default({}),
    })
    .strict(),
  z
    .object({
      url: z.url({ protocol: /^https?$/ }),
      headers: z.record(z.string(), z.string()).default({}),
      risk: Risk.default(RISK.OVERWRITE),
      tools: z.record(z.string(), Risk).default({}),
    })
    .strict(),
]);

const McpConfig = z
  .object({
    mcpServers: z.record(
      z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, 'a server name is a-z, 0-9 and -'),
      ServerConfig,
    ),
  })
  .strict();

export type McpServerConfig = z.infer<typeof ServerConfig>;

export interface ExternalTool {
  server: string;
  name: string;
  description: string;
  /** The JSON Schema of its arguments, as the server gave it. */
  inputSchema: Record<string, unknown>;
  risk: Risk;
}

export class McpConfigError extends Error {
  override name = 'McpConfigError';
}

export function mcpConfigPath(aiosHome: string): string {
  return join(aiosHome, 'mcp.json');
}

/** The configured servers by name ({} when there is no mcp.json); McpConfigError names the field at fault. */
export function loadMcpConfig(aiosHome: string): Record<string, McpServerConfig> {
  const file = mcpConfigPath(aiosHome);
  if (!existsSync(file)) return {};
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new McpConfigError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = McpConfig.safeParse(json);
  if (!parsed.success) {
    const issue = closest(parsed.error.issues[0]);
    throw new McpConfigError(`${file}: ${issue.path.join('.') || 'the file'}: ${issue.message}`);
  }
  return parsed.data.mcpServers;
}

/**
 * For a server that fits neither form (command or url), the issue of the form it comes closest
 * to ("command: expected string"), not zod's bare "Invalid input".
 */
function closest(issue: z.core.$ZodIssue): z.core.$ZodIssue {
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return issue;
  const best = issue.errors.reduce((a, b) => (b.length < a.length ? b : a));
  if (best.length === 0) return issue;
  return closest({ ...best[0], path: [...issue.path, ...best[0].path] } as z.core.$ZodIssue);
}

/** How long one call to an external server may take. */
const CALL_TIMEOUT_MS = 30_000;

/** Connections to the configured servers, opened on first use and kept. */
export class McpPool {
  readonly #servers: Record<string, McpServerConfig>;
  readonly #clients = new Map<string, Promise<Client>>();

  constructor(servers: Record<string, McpServerConfig>) {
    this.#servers = servers;
  }

  get names(): string[] {
    return Object.keys(this.#servers);
  }

  /** The server's tools with the risk Atlas gives each. */
  async tools(server: string): Promise<ExternalTool[]> {
    const config = this.#config(server);
    const client = await this.#client(server);
    const { tools } = await client.listTools();
    return tools.map((t) => ({
      server,
      name: t.name,
      description: t.description ?? t.title ?? t.name,
      inputSchema: t.inputSchema as Record<string, unknown>,
      risk: (config.tools[t.name] ??
        (t.annotations?.readOnlyHint ? 0 : t.annotations?.destructiveHint ? 3 : config.risk)) as
        | 0
        | 1
        | 2
        | 3,
    }));
  }

  /** Calls a tool; resolves with its structured content, or its text; rejects with the server's error text. */
  async call(server: string, tool: string, args: Record<string, unknown>): Promise<unknown> {
    const client = await this.#client(server);
    const result = (await client.callTool({ name: tool, arguments: args }, undefined, {
      timeout: CALL_TIMEOUT_MS,
    })) as { isError?: boolean; structuredContent?: unknown; content?: { type: string; text?: string }[] };
    const text = (result.content ?? [])
      .filter((c) => c.type === 'text')
      .map((c) => c.text)
      .join('\n');
    if (result.isError) throw new Error(`${server}.${tool} failed: ${text || 'no reason given'}`);
    return result.structuredContent ?? text;
  }

  async close(): Promise<void> {
    const clients = [...this.#clients.values()];
    this.#clients.clear();
    await Promise.all(clients.map(async (c) => (await c.catch(() => undefined))?.close()));
  }

  #config(server: string): McpServerConfig {
    const config = this.#servers[server];
    if (!config) throw new McpConfigError(`No MCP server '${server}' is configured in mcp.json`);
    return config;
  }

  #client(server: string): Promise<Client> {
    let client = this.#clients.get(server);
    if (!client) {
      const config = this.#config(server);
      client = (async () => {
        const c = new Client({ name: 'aios-atlas', version: pkg.version });
        const transport =
          'command' in config
            ? new StdioClientTransport({
                command: config.command,
                args: config.args,
                env: { ...(process.env as Record<string, string>), ...config.env },
                cwd: config.cwd,
                stderr: 'ignore',
              })
            : new StreamableHTTPClientTransport(new URL(config.url), {
                requestInit: { headers: config.headers },
              });
        await c.connect(transport);
        return c;
      })();
      client.catch(() => this.#clients.delete(server)); // a failed connection is tried again next time
      this.#clients.set(server, client);
    }
    return client;
  }
}
