/**
 * A single-producer, single-consumer ring of byte frames in a SharedArrayBuffer, and the
 * doorbell a consumer sleeps on. One thread writes frames, one other thread reads them;
 * neither ever takes a lock. Positions are free-running 32-bit counters; a frame is a u32
 * length followed by its bytes, padded to 8; a frame that would straddle the end is preceded
 * by a wrap marker. The consumer trusts nothing it reads: a corrupt length ends the ring.
 *
 * @example
 * const ring = Ring.create(1 << 20);              // share ring.buffer with the other thread
 * ring.write(bytes);                               // producer
 * const frame = ring.read();                       // consumer: a copy, or undefined
 */

const HEAD = 0; //  consumer position (Int32 index); its own cache line
const TAIL = 16; // producer position
const HEADER_BYTES = 128;
const WRAP = 0xffffffff;

export class RingCorrupt extends Error {}

export class Ring {
  readonly buffer: SharedArrayBuffer;
  readonly capacity: number;
  readonly #index: Int32Array;
  readonly #bytes: Uint8Array;
  readonly #view: DataView;
  readonly #mask: number;

  /** A new ring whose data area holds `capacity` bytes (a power of two, at least 4 KiB). */
  static create(capacity: number): Ring {
    if (capacity < 4096 || (capacity & (capacity - 1)) !== 0) {
      throw new RangeError(`Ring capacity must be a power of two of at least 4096, not ${capacity}`);
    }
    return new Ring(new SharedArrayBuffer(HEADER_BYTES + capacity));
  }

  /** The other end of a ring made by create(). */
  constructor(buffer: SharedArrayBuffer) {
    this.buffer = buffer;
    this.capacity = buffer.byteLength - HEADER_BYTES;
    this.#index = new Int32Array(buffer, 0, HEADER_BYTES / 4);
    this.#bytes = new Uint8Array(buffer, HEADER_BYTES);
    this.#view = new DataView(buffer, HEADER_BYTES);
    this.#mask = this.capacity - 1;
  }

  /** Largest frame a write accepts. */
  get maxFrame(): number {
    return this.capacity / 2 - 8;
  }

  /** Bytes written and not yet read. */
  get used(): number {
    return (Atomics.load(this.#index, TAIL) - Atomics.load(this.#index, HEAD)) >>> 0;
  }

  isEmpty(): boolean {
    return Atomics.load(this.#index, TAIL) === Atomics.load(this.#index, HEAD);
  }

  /**
   * Appends one frame made of `length` bytes that `fill` writes at `offset` of `bytes`;
   * returns false when the ring lacks room now (try again once the consumer has read).
   */
  writeWith(length: number, fill: (bytes: Uint8Array, view: DataView, offset: number) => void): boolean {
    if (length > this.maxFrame) throw new RangeError(`Frame of ${length} bytes exceeds ${this.maxFrame}`);
    const tail = Atomics.load(this.#index, TAIL) >>> 0;
    const head = Atomics.load(this.#index, HEAD) >>> 0;
    const free = this.capacity - ((tail - head) >>> 0);
    const at = tail & this.#mask;
    const need = (4 + length + 7) & ~7;
    const toEnd = this.capacity - at;
    const skip = need > toEnd ? toEnd : 0;
    if (need + skip > free) return false;
    let pos = at;
    if (skip > 0) {
      this.#view.setUint32(at, WRAP, true);
      pos = 0;
    }
    this.#view.setUint32(pos, length, true);
    fill(this.#bytes, this.#view, pos + 4);
    Atomics.store(this.#index, TAIL, (tail + skip + need) | 0);
    return true;
  }

  /** Appends a frame holding `frame`; false when the ring lacks room now. */
  write(frame: Uint8Array): boolean {
    return this.writeWith(frame.length, (bytes, _view, offset) => bytes.set(frame, offset));
  }

  /**
   * Reads the next frame in place: `read` gets the ring's bytes, a view and the frame's offset
   * and length, and must copy what it keeps. Returns false when the ring is empty.
   */
  readWith(read: (bytes: Uint8Array, view: DataView, offset: number, length: number) => void): boolean {
    const tail = Atomics.load(this.#index, TAIL) >>> 0;
    let head = Atomics.load(this.#index, HEAD) >>> 0;
    if (head === tail) return false;
    let at = head & this.#mask;
    let length = this.#view.getUint32(at, true);
    if (length === WRAP) {
      head = (head + this.capacity - at) >>> 0;
      at = 0;
      if (head === tail) throw new RingCorrupt('Ring wrap marker without a frame');
      length = this.#view.getUint32(0, true);
    }
    const need = (4 + length + 7) & ~7;
    if (length > this.maxFrame || need > (tail - head) >>> 0) {
      throw new RingCorrupt(`Ring frame length ${length} is impossible`);
    }
    read(this.#bytes, this.#view, at + 4, length);
    Atomics.store(this.#index, HEAD, (head + need) | 0);
    return true;
  }

  /** The next frame as a copy, or undefined when the ring is empty. */
  read(): Uint8Array | undefined {
    let out: Uint8Array | undefined;
    this.readWith((bytes, _view, offset, length) => {
      out = bytes.slice(offset, offset + length);
    });
    return out;
  }
}

/**
 * Where a consumer sleeps until a producer has written. Cell 0 counts rings of the bell,
 * cell 1 counts sleepers; a producer notifies only when someone sleeps, so a busy consumer
 * costs producers nothing but one atomic load.
 */
export class Doorbell {
  readonly buffer: SharedArrayBuffer;
  readonly #cells: Int32Array;

  constructor(buffer: SharedArrayBuffer = new SharedArrayBuffer(8)) {
    this.buffer = buffer;
    this.#cells = new Int32Array(buffer, 0, 2);
  }

  /** Producer: call after each write. */
  ring(): void {
    if (Atomics.load(this.#cells, 1) !== 0) {
      Atomics.add(this.#cells, 0, 1);
      Atomics.notify(this.#cells, 0);
    }
  }

  /**
   * Consumer: sleeps up to `timeoutMs` unless `hasWork()` holds once the sleep is announced.
   * Blocks the thread; use sleepAsync on a thread whose event loop must keep running.
   */
  sleep(hasWork: () => boolean, timeoutMs: number): void {
    const seq = Atomics.load(this.#cells, 0);
    Atomics.add(this.#cells, 1, 1);
    try {
      if (!hasWork()) Atomics.wait(this.#cells, 0, seq, timeoutMs);
    } finally {
      Atomics.sub(this.#cells, 1, 1);
    }
  }

  /** Consumer: like sleep, but resolves from the event loop without blocking the thread. */
  async sleepAsync(hasWork: () => boolean, timeoutMs: number): Promise<void> {
    const seq = Atomics.load(this.#cells, 0);
    Atomics.add(this.#cells, 1, 1);
    try {
      if (hasWork()) return;
      const waited = Atomics.waitAsync(this.#cells, 0, seq, timeoutMs);
      if (waited.async) await waited.value;
    } finally {
      Atomics.sub(this.#cells, 1, 1);
    }
  }
}
