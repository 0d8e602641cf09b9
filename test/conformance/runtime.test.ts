import { runtimeConformance } from './runtime.ts';
import { javascriptAgents } from './runtime-agents.ts';
import { wasmAgents } from './runtime-wasm-agents.ts';

runtimeConformance({ tier: 'isolate', agents: javascriptAgents() });
runtimeConformance({
  tier: 'wasm',
  agents: await wasmAgents(),
  absent: {
    region: 'its imports carry no bytes to or from a region (sys takes and gives JSON)',
  },
  thrownMessage: 'unreachable',
});
runtimeConformance({ tier: 'process', agents: javascriptAgents() });
runtimeConformance({
  tier: 'builtin',
  agents: javascriptAgents(),
  absent: {
    killComputing: 'trusted tier, in the aios process: its code cannot be stopped mid-computation',
  },
});
