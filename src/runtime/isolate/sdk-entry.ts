/**
 * What is bundled into every agent isolate before the agent's own code: the prelude and
 * the very same SDK modules the built-in runtime uses (src/sdk), exposed as __aiosSdk.
 */
import './prelude.ts';

export { AiosError } from '../../sdk/errors.ts';
export { createOs } from '../../sdk/os.ts';
// Used only in an agent isolate's lease context, which the agent's code cannot reach.
export { createLeaseClient } from './lease-client.ts';
