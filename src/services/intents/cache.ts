/**
 * A bounded least-recently-used map: the vectors of texts seen before, so a repeated intent
 * routes without the encoder (microseconds instead of milliseconds).
 *
 * @example
 * const cache = new Lru<string, Float32Array>(4096);
 * cache.set('weather', v);
 * cache.get('weather');   // v, now the most recently used
 */
export class Lru<K, V> {
  readonly #max: number;
  readonly #map = new Map<K, V>();

  constructor(max: number) {
    this.#max = max;
  }

  get size(): number {
    return this.#map.size;
  }

  get(key: K): V | undefined {
    const v = this.#map.get(key);
    if (v === undefined) return undefined;
    // a Map iterates in insertion order: re-inserting makes it the newest
    this.#map.delete(key);
    this.#map.set(key, v);
    return v;
  }

  set(key: K, value: V): void {
    this.#map.delete(key);
    this.#map.set(key, value);
    if (this.#map.size > this.#max) this.#map.delete(this.#map.keys().next().value as K);
  }
}
