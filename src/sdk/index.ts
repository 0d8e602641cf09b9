/**
 * The agent SDK: what agent code uses. Agents receive an `os` object (createOs) as the
 * argument of their default export; types are exported for TypeScript agents.
 */
export { AiosError, type ErrorCode } from './errors.ts';
export {
  createOs,
  type Data,
  type ExitStatus,
  type LlmRequest,
  type Message,
  type Os,
  type SpawnOptions,
} from './os.ts';
export type { AgentPort, ServiceName, Wait } from './port.ts';
