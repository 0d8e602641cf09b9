/**
 * External MCP servers configured in $AIOS_HOME/mcp.json join Atlas's tools (see
 * src/tools/mcp). Without an mcp.json the MCP client is not even loaded: it would be a tenth
 * of `aios do`'s time. A bad configuration is logged, never fatal to a request.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { System } from '../boot.ts';

export async function useExternalTools(system: Pick<System, 'home' | 'log' | 'atShutdown'>): Promise<void> {
  if (!existsSync(join(system.home, 'mcp.json'))) return;
  const { registerMcpTools } = await import('../tools/mcp/index.ts');
  try {
    await registerMcpTools(
      system.home,
      (m) => system.log.warn(m),
      (close) => system.atShutdown(close),
    );
  } catch (error) {
    system.log.warn('mcp.json was not used', { error: (error as Error).message });
  }
}
