/**
 * How a routed message reaches its handler: the service keeps, per handler, the messages
 * waiting for it and the handler's `next` call waiting for one; `answer` settles the sender's
 * `send`. Everything travels over kernel IPC on each agent's own connection to the service
 * (a sender's `send` call, a handler's `next` and `answer` calls), so a handler needs no
 * channel of its own and never learns who it cannot reach.
 *
 * @example
 * const reply = mailboxes.deliver('weather', { from: 'alice', intent: 'weather', tags: [], payload: {} });
 * const m = await mailboxes.next('weather', 25_000);   // in the handler's `next`
 * mailboxes.answer('weather', m!.id, { reply: 'rain' });
 */
import { IntentError } from './errors.ts';
import { INTENT_LIMITS } from './limits.ts';

export interface Delivery {
  id: number;
  from: string;
  intent: string;
  text?: string;
  tags: string[];
  payload: unknown;
}

interface Pending {
  handler: string;
  intent: string;
  resolve(reply: unknown): void;
  reject(error: Error): void;
  timer: ReturnType<typeof setTimeout>;
}

export class Mailboxes {
  readonly #queues = new Map<string, Delivery[]>();
  readonly #waiting = new Map<string, ((d: Delivery | null) => void)[]>();
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;

  /** Hands `message` to `handler` and resolves with its answer; E_TIMED_OUT if none comes in time. */
  deliver(
    handler: string,
    message: Omit<Delivery, 'id'>,
    timeoutMs: number = INTENT_LIMITS.HANDLER_TIMEOUT_MS,
  ): Promise<unknown> {
    const queue = this.#queues.get(handler) ?? [];
    if (queue.length >= INTENT_LIMITS.HANDLER_QUEUE_MAX) {
      throw new IntentError(
        'E_QUOTA',
        `Handler '${handler}' has ${queue.length} messages waiting, its limit; send again later`,
      );
    }
    const delivery: Delivery = { id: this.#nextId++, ...message };
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(delivery.id);
        const q = this.#queues.get(handler);
        const at = q?.indexOf(delivery) ?? -1;
        if (q && at >= 0) q.splice(at, 1);
        reject(
          new IntentError(
            'E_TIMED_OUT',
            `Handler '${handler}' did not answer '${message.intent}' within ${timeoutMs} ms; it may be busy or gone, send again later`,
          ),
        );
      }, timeoutMs);
      this.#pending.set(delivery.id, { handler, intent: message.intent, resolve, reject, timer });
      const waiter = this.#waiting.get(handler)?.shift();
      if (waiter) waiter(delivery);
      else {
        queue.push(delivery);
        this.#queues.set(handler, queue);
      }
    });
  }

  /** The next message for `handler`, waiting up to `waitMs`; null if none came. */
  next(handler: string, waitMs: number): Promise<Delivery | null> {
    const queued = this.#queues.get(handler)?.shift();
    if (queued) return Promise.resolve(queued);
    return new Promise((resolve) => {
      const waiters = this.#waiting.get(handler) ?? [];
      const waiter = (d: Delivery | null) => {
        clearTimeout(timer);
        resolve(d);
      };
      const timer = setTimeout(() => {
        const at = waiters.indexOf(waiter);
        if (at >= 0) waiters.splice(at, 1);
        resolve(null);
      }, waitMs);
      waiters.push(waiter);
      this.#waiting.set(handler, waiters);
    });
  }

  /**
   * Settles message `id` with `handler`'s reply, or fails its sender with `error`. False when
   * `id` is not a message waiting on `handler` (answered, timed out, or someone else's).
   */
  answer(handler: string, id: number, outcome: { reply?: unknown; error?: string }): boolean {
    const p = this.#pending.get(id);
    if (!p || p.handler !== handler) return false;
    this.#pending.delete(id);
    clearTimeout(p.timer);
    if (outcome.error !== undefined) {
      p.reject(
        new IntentError(
          'E_BAD_STATE',
          `Handler '${handler}' could not handle '${p.intent}': ${outcome.error}`,
        ),
      );
    } else p.resolve(outcome.reply ?? null);
    return true;
  }

  /** Fails every message still waiting for `handler` (it unregistered its last intent). */
  drop(handler: string): void {
    for (const d of this.#queues.get(handler) ?? []) {
      const p = this.#pending.get(d.id);
      if (!p) continue;
      this.#pending.delete(d.id);
      clearTimeout(p.timer);
      p.reject(
        new IntentError('E_UNAVAILABLE', `Handler '${handler}' stopped handling '${p.intent}'; send again`),
      );
    }
    this.#queues.delete(handler);
  }
}
