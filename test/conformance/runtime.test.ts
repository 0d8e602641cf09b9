import { runtimeConformance } from './runtime.ts';
import { javascriptAgents } from './runtime-agents.ts';
import { wasmAgents } from './runtime-wasm-agents.ts';

runtimeConformance({
  tier: 'isolate',
  agents: javascriptAgents(),
  absent: {
    // Found by this suite: about one kill in two of a spinning isolate agent leaves its code
    // running after isolated-vm's dispose(), and the worker thread then never terminates.
    // Open finding in docs/security.md; run it with AIOS_CONFORMANCE_KILL_COMPUTING=1.
    ...(process.env.AIOS_CONFORMANCE_KILL_COMPUTING === '1'
      ? {}
      : { killComputing: 'open finding: dispose() does not always interrupt a spinning isolate' }),
  },
});
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
