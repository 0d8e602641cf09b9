/**
 * A binary min-heap ordered by two numeric keys (a primary key, then a tie-breaker), kept in
 * typed arrays beside the items. Comparisons read contiguous numbers instead of chasing item
 * pointers, which is what keeps a decision among 10,000 agents fast. Items remember their
 * position, so any item can be removed or re-keyed in O(log n).
 *
 * @example
 * const h = new KeyHeap<Flow>();
 * h.push(flow, flow.start, flow.seq);
 * const next = h.peek();
 */
/** Anything kept in a heap remembers its index there (-1 when it is not in one). */
export interface HeapItem {
  heapIndex: number;
}

export class KeyHeap<T extends HeapItem> {
  #items: T[] = [];
  #k1 = new Float64Array(64);
  #k2 = new Float64Array(64);
  #size = 0;

  get size(): number {
    return this.#size;
  }

  peek(): T | undefined {
    return this.#size > 0 ? this.#items[0] : undefined;
  }

  push(item: T, key1: number, key2: number): void {
    if (this.#size === this.#k1.length) this.#grow();
    const i = this.#size++;
    this.#items[i] = item;
    this.#k1[i] = key1;
    this.#k2[i] = key2;
    item.heapIndex = i;
    this.#up(i);
  }

  pop(): T | undefined {
    if (this.#size === 0) return undefined;
    const top = this.#items[0];
    this.#removeAt(0);
    return top;
  }

  /** Removes an item that is in the heap; harmless for one that is not. */
  remove(item: T): void {
    const i = item.heapIndex;
    if (i < 0 || i >= this.#size || this.#items[i] !== item) return;
    this.#removeAt(i);
  }

  /** Gives an item in the heap new keys and restores order. */
  rekey(item: T, key1: number, key2: number): void {
    const i = item.heapIndex;
    this.#k1[i] = key1;
    this.#k2[i] = key2;
    this.#up(i);
    this.#down(item.heapIndex);
  }

  /** Subtracts `delta` from every primary key (order is unchanged). */
  shiftKey1(delta: number): void {
    for (let i = 0; i < this.#size; i++) this.#k1[i] -= delta;
  }

  /** The items in heap order (not sorted). */
  values(): readonly T[] {
    return this.#items.slice(0, this.#size);
  }

  #removeAt(i: number): void {
    const item = this.#items[i];
    const last = --this.#size;
    if (i !== last) {
      this.#move(last, i);
      this.#down(i);
      this.#up(this.#items[i].heapIndex === i ? i : this.#items[i].heapIndex);
    }
    this.#items[last] = undefined as unknown as T;
    item.heapIndex = -1;
  }

  #less(a: number, b: number): boolean {
    const x = this.#k1[a];
    const y = this.#k1[b];
    return x < y || (x === y && this.#k2[a] < this.#k2[b]);
  }

  #move(from: number, to: number): void {
    const item = this.#items[from];
    this.#items[to] = item;
    this.#k1[to] = this.#k1[from];
    this.#k2[to] = this.#k2[from];
    item.heapIndex = to;
  }

  #swap(a: number, b: number): void {
    const ia = this.#items[a];
    const ib = this.#items[b];
    this.#items[a] = ib;
    this.#items[b] = ia;
    ib.heapIndex = a;
    ia.heapIndex = b;
    const k1 = this.#k1[a];
    this.#k1[a] = this.#k1[b];
    this.#k1[b] = k1;
    const k2 = this.#k2[a];
    this.#k2[a] = this.#k2[b];
    this.#k2[b] = k2;
  }

  #up(i: number): void {
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.#less(i, p)) return;
      this.#swap(i, p);
      i = p;
    }
  }

  #down(i: number): void {
    const n = this.#size;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) return;
      const r = l + 1;
      const c = r < n && this.#less(r, l) ? r : l;
      if (!this.#less(c, i)) return;
      this.#swap(i, c);
      i = c;
    }
  }

  #grow(): void {
    const k1 = new Float64Array(this.#k1.length * 2);
    const k2 = new Float64Array(this.#k2.length * 2);
    k1.set(this.#k1);
    k2.set(this.#k2);
    this.#k1 = k1;
    this.#k2 = k2;
  }
}
