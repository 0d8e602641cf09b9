/**
 * Supervisor errors: one closed set of codes (OTP's terms, in words), carried in replies and
 * exit results as { code, message } and raised on the host side as SupervisorError.
 *
 * @example
 * throw new SupervisorError('already_present', "A tree named 'web' is already supervised");
 */
export const SUPERVISOR_ERRORS = {
  bad_spec: 'The tree or child spec is invalid',
  already_present: 'A child or tree with this id is already supervised',
  not_found: 'No child or tree has this id',
  start_failed: 'A child could not be started',
  reached_max_restart_intensity: 'More restarts than the intensity allows within the period; gave up',
  not_a_service: 'The child is a supervisor, not a worker with a service endpoint',
  unavailable: 'The supervisor is not running or did not answer',
} as const;

export type SupervisorErrorCode = keyof typeof SUPERVISOR_ERRORS;

export interface SupervisorErrorValue {
  code: SupervisorErrorCode;
  message: string;
}

export class SupervisorError extends Error {
  readonly code: SupervisorErrorCode;
  constructor(code: SupervisorErrorCode, message: string) {
    super(message);
    this.name = 'SupervisorError';
    this.code = code;
  }

  toValue(): SupervisorErrorValue {
    return { code: this.code, message: this.message };
  }

  static from(value: SupervisorErrorValue): SupervisorError {
    return new SupervisorError(value.code, value.message);
  }
}
