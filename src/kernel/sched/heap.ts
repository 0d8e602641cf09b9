/**
 * A binary min-heap whose items remember their position, so any item can be removed or
 * re-sifted in O(log n). Ties must be broken by the comparator for a deterministic order.
 *
 * @example
 * const h = new Heap<Req>((a, b) => a.deadline - b.deadline || a.seq - b.seq);
 * h.push(req); h.pop();
 */
export interface HeapItem {
  heapIndex: number;
}

export class Heap<T extends HeapItem> {
  readonly #items: T[] = [];
  readonly #less: (a: T, b: T) => number;

  constructor(compare: (a: T, b: T) => number) {
    this.#less = compare;
  }

  get size(): number {
    return this.#items.length;
  }

  peek(): T | undefined {
    return this.#items[0];
  }

  push(item: T): void {
    item.heapIndex = this.#items.length;
    this.#items.push(item);
    this.#up(item.heapIndex);
  }

  pop(): T | undefined {
    const items = this.#items;
    if (items.length === 0) return undefined;
    const top = items[0];
    const last = items.pop()!;
    if (items.length > 0) {
      items[0] = last;
      last.heapIndex = 0;
      this.#down(0);
    }
    top.heapIndex = -1;
    return top;
  }

  /** Removes an item that is in the heap; harmless for one that is not. */
  remove(item: T): void {
    const i = item.heapIndex;
    const items = this.#items;
    if (i < 0 || i >= items.length || items[i] !== item) return;
    const last = items.pop()!;
    if (i < items.length) {
      items[i] = last;
      last.heapIndex = i;
      this.#down(i);
      this.#up(last.heapIndex);
    }
    item.heapIndex = -1;
  }

  /** Restores order after an item's key changed. */
  update(item: T): void {
    this.#up(item.heapIndex);
    this.#down(item.heapIndex);
  }

  values(): readonly T[] {
    return this.#items;
  }

  #up(i: number): void {
    const items = this.#items;
    const item = items[i];
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.#less(item, items[p]) >= 0) break;
      items[i] = items[p];
      items[i].heapIndex = i;
      i = p;
    }
    items[i] = item;
    item.heapIndex = i;
  }

  #down(i: number): void {
    const items = this.#items;
    const n = items.length;
    const item = items[i];
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && this.#less(items[r], items[l]) < 0 ? r : l;
      if (this.#less(items[c], item) >= 0) break;
      items[i] = items[c];
      items[i].heapIndex = i;
      i = c;
    }
    items[i] = item;
    item.heapIndex = i;
  }
}
