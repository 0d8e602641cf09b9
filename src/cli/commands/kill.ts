/**
 * aios kill PID...
 */
import { lifecycleCommand } from './lifecycle-command.ts';

export default lifecycleCommand('kill', 'End agents');
