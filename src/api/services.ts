/**
 * What the API keeps for the life of a running system, shared by the owner's socket and the
 * TCP listener: the live event bus, the metrics registry and the dashboard's login codes.
 *
 * @example
 * const services = createServices(system);
 * const app = createApp(system, { owner: false, services });
 * services.close();
 */
import type { System } from '../boot.ts';
import { type BusOptions, EventBus } from './events.ts';
import { Logins } from './login.ts';
import { Metrics } from './metrics.ts';

export interface ApiServices {
  readonly bus: EventBus;
  readonly metrics: Metrics;
  readonly logins: Logins;
  close(): void;
}

export function createServices(system: System, options: BusOptions = {}): ApiServices {
  const bus = new EventBus(system, options);
  const metrics = new Metrics(system, bus);
  return {
    bus,
    metrics,
    logins: new Logins(),
    close() {
      metrics.close();
      bus.close();
    },
  };
}
