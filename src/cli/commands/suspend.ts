/**
 * aios suspend PID...
 */
import { lifecycleCommand } from './lifecycle-command.ts';

export default lifecycleCommand('suspend', 'Pause agents');
