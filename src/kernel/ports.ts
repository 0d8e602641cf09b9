/**
 * What the kernel needs from the world, passed in at boot. The kernel never reads a clock,
 * draws randomness or touches a key itself, so the same ports give the same run.
 *
 * @example
 * const k = new Kernel(createNodePorts(keys)); // platform/ports.ts
 * const k2 = new Kernel(deterministicPorts(seed)); // tests: seeded, fake clock
 */
export interface KernelPorts {
  /** Milliseconds since the Unix epoch (may be fractional); must not go backwards. */
  now(): number;
  /** A uniformly random unsigned 32-bit integer. */
  randomU32(): number;
  /** SHA-256 of the UTF-8 bytes of a string, as 64 lowercase hex characters. */
  sha256Hex(text: string): string;
  /** Signs bytes with the kernel's private key (ML-DSA-65 in production). */
  sign(data: Uint8Array): Uint8Array;
  /** Checks a signature made by sign(), or by the key given as publicKey (SPKI DER). */
  verify(data: Uint8Array, signature: Uint8Array, publicKey?: Uint8Array): boolean;
  /** The public key (SPKI DER) matching sign(). */
  publicKey(): Uint8Array;
}
