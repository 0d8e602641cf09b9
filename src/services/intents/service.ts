/**
 * The semantic-ipcd service: the router (router.ts) behind the declaration (ops.ts), with who
 * handles what, who may reach it, delivery to handlers (mailbox.ts) and an audit entry for
 * every routing decision (the intent, the handler chosen, the score and the caller; never the
 * payload). Its agent (agent.ts) runs it on a thread of its own under the services tree.
 *
 * Rules: the handler of a registration is the calling agent (the name the host vouched for on
 * its connection). The first to register an intent name keeps it: another agent registering
 * the same name gets E_BAD_STATE, and only its handler or the owner can replace or remove it.
 * A registration's `allow` names the agents that may reach it; any other sender gets
 * E_NO_RIGHTS (audited), and is never routed to a runner-up instead.
 *
 * Registrations persist (store.ts): after a restart they are restored, each waiting for its
 * handler, the agent of that vouched name, to call the service again (`next`, `register` or
 * `answer` re-binds it). A message routed to a handler that has not is refused at once with
 * E_UNAVAILABLE naming it, never queued for an agent that may not come back, nor handed to
 * the runner-up.
 *
 * @example
 * await serve(os, intentService(router, { audit: (line, risk) => ... }));
 */

import type { Risk } from '../../kernel/risk.ts';
import { RISK } from '../../kernel/risk.ts';
import { AiosError } from '../../sdk/errors.ts';
import type { ServiceCaller, ServiceImpl } from '../serve.ts';
import { IntentError } from './errors.ts';
import { INTENT_LIMITS } from './limits.ts';
import { Mailboxes } from './mailbox.ts';
import { SEMANTIC_IPCD, type SemanticIpcd } from './ops.ts';
import { type IntentRouter, intentKey, type Registration, type Route } from './router.ts';
import type { RegistrationStore } from './store.ts';

export interface IntentServiceOptions {
  /** Records a routing decision the serve loop does not (dry runs and refusals). */
  audit(action: string, risk: Risk, target: string): Promise<void>;
  log?(message: string): void;
  /** Where registrations persist across restarts; without one they live in this incarnation only. */
  store?: RegistrationStore;
  /** The clock of a handler's last call (ms since the epoch): Date.now unless given. */
  now?: () => number;
}

const quote = (text: string) => JSON.stringify(text.length > 120 ? `${text.slice(0, 120)}…` : text);

export function intentService(
  router: IntentRouter,
  options: IntentServiceOptions,
): ServiceImpl<SemanticIpcd> {
  const allowed = new Map<string, readonly string[] | undefined>();
  const mailboxes = new Mailboxes();
  const { store, log } = options;
  const now = options.now ?? Date.now;
  /** Handlers that called this incarnation of the service: the ones a message may be delivered to. */
  const running = new Set<string>();
  const lastSeenWrite = new Map<string, number>();

  /** `caller` is running: it binds its registrations, and its last-seen time moves (at most once a minute on disk). */
  const seen = (caller: ServiceCaller) => {
    running.add(caller.name);
    if (!store) return;
    const t = now();
    if (t - (lastSeenWrite.get(caller.name) ?? 0) < INTENT_LIMITS.SEEN_WRITE_INTERVAL_MS) return;
    lastSeenWrite.set(caller.name, t);
    store.seen(caller.name, t);
  };

  /** Restores the persisted registrations once; a failure (the encoder not loading) is retried by the next call. */
  let restoring: Promise<void> | undefined;
  const restored = () => {
    restoring ??= restore().catch((error: unknown) => {
      restoring = undefined;
      throw error;
    });
    return restoring;
  };
  const restore = async () => {
    if (!store) return;
    const ttl = INTENT_LIMITS.REGISTRATION_TTL_MS;
    const expired = store.expire(now() - ttl);
    if (expired.length > 0)
      log?.(
        `dropped ${expired.length} registrations whose handler was not seen for ${ttl / 3_600_000} h: ${expired.join(', ')}`,
      );
    for (const { reg, allow } of store.all()) {
      if (router.get(reg.intent)) continue; // registered again before the restore reached it
      try {
        await router.register(reg);
        allowed.set(intentKey(reg.intent), allow);
      } catch (error) {
        if (!(error instanceof IntentError)) throw error;
        log?.(`dropped the registration of '${reg.intent}' by '${reg.handler}': ${error.message}`);
        store.delete(reg.intent);
      }
    }
    calibrate();
  };
  // the refusal threshold is calibrated on the registered examples (calibration.ts): start it
  // shortly after a change, so the first message sent by meaning does not wait for it, and once
  // for a burst of registrations rather than once each; a failure is retried by the next route
  let calibration: ReturnType<typeof setTimeout> | undefined;
  const calibrate = () => {
    clearTimeout(calibration);
    calibration = setTimeout(
      () => void router.threshold().catch(() => {}),
      INTENT_LIMITS.CALIBRATION_DELAY_MS,
    );
    calibration.unref?.();
  };

  // restore now, off the path to ready (the service starts after it); a call retries a failure
  if (store)
    void restored().catch((error: unknown) => log?.(`restoring registrations failed: ${String(error)}`));

  const describe = (reg: Registration) => ({
    handler: reg.handler,
    intent: reg.intent,
    description: reg.description,
    examples: [...reg.examples],
    counterexamples: reg.counterexamples ? [...reg.counterexamples] : undefined,
    tags: [...(reg.tags ?? [])],
    schema: reg.schema,
    allow: allowed.get(intentKey(reg.intent)) ? [...(allowed.get(intentKey(reg.intent)) ?? [])] : undefined,
    running: running.has(reg.handler),
  });

  const decisionLine = (caller: ServiceCaller, intent: string, route: Route) =>
    `intent=${quote(intent)} handler=${route.handler} as=${route.intent} how=${route.how} score=${route.score.toFixed(3)} by ${caller.name}`;

  /** Routes `message` for `caller`, refusing (audited) what no handler takes or `caller` may not reach. */
  const routeFor = async (
    caller: ServiceCaller,
    message: { intent: string; text?: string; tags?: string[] },
    action: string,
  ): Promise<Route> => {
    let route: Route;
    try {
      route = await router.route(message);
    } catch (error) {
      if (error instanceof IntentError && error.code === 'E_NOT_FOUND') {
        await options.audit(
          action,
          RISK.READ_ONLY,
          `intent=${quote(message.intent)} refused=no-handler by ${caller.name}`,
        );
      }
      throw error;
    }
    const allow = allowed.get(intentKey(route.intent));
    if (allow && !caller.owner && !allow.includes(caller.name)) {
      await options.audit(
        action,
        RISK.READ_ONLY,
        `${decisionLine(caller, message.intent, route)} refused=not-allowed`,
      );
      throw new IntentError(
        'E_NO_RIGHTS',
        `Handler '${route.handler}' of '${route.intent}' does not take messages from '${caller.name}'; ask its owner to allow you`,
      );
    }
    if (!running.has(route.handler)) {
      await options.audit(
        action,
        RISK.READ_ONLY,
        `${decisionLine(caller, message.intent, route)} refused=not-running`,
      );
      throw new IntentError(
        'E_UNAVAILABLE',
        `Handler '${route.handler}' of '${route.intent}' has not run since semantic-ipcd restarted; start it (its registration is kept) or send again later`,
      );
    }
    return route;
  };

  return {
    decl: SEMANTIC_IPCD,
    log: options.log,
    error: (error) => (error instanceof IntentError ? new AiosError(error.code, error.message) : undefined),
    audit(caller, op, args, result) {
      // the result of a send is its route (and the reply, which stays out of the audit)
      if (op === 'send') return decisionLine(caller, String(args.intent), result as Route);
      if (op === 'register') {
        const warned = (result as { warnings?: string[] }).warnings?.length ?? 0;
        return `intent=${quote(String(args.intent))} by ${caller.name}${warned > 0 ? ` lookalikes=${warned}` : ''}`;
      }
      if (op === 'unregister') return `intent=${quote(String(args.intent))} by ${caller.name}`;
      return `by ${caller.name}`;
    },
    handlers: {
      async register(args, caller) {
        await restored();
        const mine = router
          .list()
          .filter((r) => r.handler === caller.name && intentKey(r.intent) !== intentKey(args.intent));
        if (mine.length >= INTENT_LIMITS.REGISTRATIONS_PER_HANDLER) {
          throw new IntentError(
            'E_QUOTA',
            `'${caller.name}' handles ${mine.length} intents, its limit; unregister one before registering '${args.intent}'`,
          );
        }
        if (!router.get(args.intent) && router.list().length >= INTENT_LIMITS.REGISTRATIONS_MAX) {
          throw new IntentError(
            'E_QUOTA',
            `semantic-ipcd holds ${INTENT_LIMITS.REGISTRATIONS_MAX} registrations, its limit; ask the owner to remove some`,
          );
        }
        const reg: Registration = {
          handler: caller.name,
          intent: args.intent,
          description: args.description,
          examples: args.examples,
          counterexamples: args.counterexamples,
          tags: args.tags,
          schema: args.schema,
        };
        await router.register(reg);
        calibrate();
        allowed.set(intentKey(args.intent), args.allow);
        store?.put(reg, args.allow, now());
        seen(caller);
        const warnings = router
          .lookalikes(reg.intent)
          .map(
            (o) =>
              `'${reg.intent}' reads like '${o.intent}' of '${o.handler}' (${o.similarity.toFixed(2)} alike): a message sent by meaning goes to the one that fits it better, the older registration on a tie; senders that must reach one name its intent`,
          );
        if (warnings.length > 0) log?.(`look-alike registered by ${caller.name}: ${warnings.join('; ')}`);
        return { ...describe(reg), warnings };
      },
      async unregister({ intent }, caller) {
        await restored();
        const reg = router.get(intent);
        if (!reg) return { removed: false };
        if (reg.handler !== caller.name && !caller.owner) {
          throw new IntentError(
            'E_NO_RIGHTS',
            `Intent '${intent}' is handled by '${reg.handler}'; only it or the owner can unregister it`,
          );
        }
        router.unregister(intent, reg.handler);
        calibrate();
        allowed.delete(intentKey(intent));
        store?.delete(intent);
        if (!router.list().some((r) => r.handler === reg.handler)) mailboxes.drop(reg.handler);
        return { removed: true };
      },
      async handlers() {
        await restored();
        return { handlers: router.list().map(describe) };
      },
      async route(args, caller) {
        await restored();
        const route = await routeFor(caller, args, 'route');
        await options.audit('route', RISK.READ_ONLY, `${decisionLine(caller, args.intent, route)} dry-run`);
        return route;
      },
      async send(args, caller) {
        await restored();
        const route = await routeFor(caller, args, 'send');
        try {
          router.check(route.intent, args.payload ?? {});
          const reply = await mailboxes.deliver(route.handler, {
            from: caller.name,
            intent: route.intent,
            text: args.text ?? (route.how === 'meaning' ? args.intent : undefined),
            tags: args.tags ?? [],
            payload: args.payload ?? {},
          });
          return { ...route, reply };
        } catch (error) {
          // routed but not delivered (a payload that does not fit, a handler that did not answer):
          // the serve loop audits only what succeeded, so the decision is recorded here
          const code = error instanceof IntentError ? error.code : 'E_BAD_STATE';
          await options.audit(
            'send',
            RISK.CREATE,
            `${decisionLine(caller, args.intent, route)} failed=${code}`,
          );
          throw error;
        }
      },
      async next({ waitMs }, caller) {
        await restored();
        seen(caller);
        if (!router.list().some((r) => r.handler === caller.name)) {
          // nothing can come: answer now rather than hold the caller for the whole wait
          throw new IntentError(
            'E_NOT_FOUND',
            `'${caller.name}' handles no intent, so no message can come; register one first (aios intent register)`,
          );
        }
        const message = await mailboxes.next(caller.name, waitMs ?? INTENT_LIMITS.NEXT_WAIT_DEFAULT_MS);
        return { message };
      },
      answer({ id, reply, error }, caller) {
        seen(caller);
        return { delivered: mailboxes.answer(caller.name, id, { reply, error }) };
      },
    },
  };
}
