/**
 * aios resume PID...
 */
import { lifecycleCommand } from './lifecycle-command.ts';

export default lifecycleCommand('resume', 'Continue suspended agents');
