/**
 * The built-in runtime: runs an agent module inside the aios process itself. It isolates
 * nothing: the agent could reach Node directly. It exists for trusted system agents and as
 * the fallback before the isolating runtimes (isolate, wasm, process) are chosen.
 */
import { pathToFileURL } from 'node:url';
import type { Agent } from '../kernel/index.ts';
import type { AgentPort } from '../sdk/port.ts';
import type { Runtime } from './host.ts';

export class BuiltinRuntime implements Runtime {
  readonly tier = 'builtin' as const;

  async run(agent: Agent, port: AgentPort): Promise<string | undefined> {
    const url = `${pathToFileURL(agent.image.ref).href}?sha256=${agent.image.hash}`;
    const module = (await import(url)) as { default?: unknown };
    if (typeof module.default !== 'function') {
      throw new Error(
        `${agent.image.ref} has no default export function; export default async function (os) { … }`,
      );
    }
    // The SDK loads with the first in-process agent, not with every boot (docs/boot.md).
    const { createOs } = await import('../sdk/os.ts');
    const value = await (module.default as (os: unknown) => unknown)(createOs(port));
    return value === undefined ? undefined : JSON.stringify(value);
  }

  stop(): void {
    // In-process code cannot be interrupted; the kernel already refuses its syscalls.
  }
}
