/**
 * Restart intensity: a supervisor allows at most `intensity` restarts within any `period`
 * seconds. One more, and it stops its children and gives up (escalates to its own
 * supervisor). Time is passed in, so the rule is a pure function of the restart times.
 *
 * @example
 * const limit = new RestartIntensity(3, 5);
 * limit.record(now); // true while within the limit, false once exceeded
 */
export class RestartIntensity {
  readonly intensity: number;
  readonly periodMs: number;
  #times: number[] = [];

  constructor(intensity: number, periodS: number) {
    this.intensity = intensity;
    this.periodMs = periodS * 1000;
  }

  /** Records a restart at `nowMs`; false when it makes more than `intensity` within the period. */
  record(nowMs: number): boolean {
    this.#times = this.#times.filter((t) => t > nowMs - this.periodMs);
    this.#times.push(nowMs);
    return this.#times.length <= this.intensity;
  }

  /** Restarts counted in the window ending at `nowMs`. */
  recent(nowMs: number): number {
    return this.#times.filter((t) => t > nowMs - this.periodMs).length;
  }
}
