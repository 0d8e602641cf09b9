/**
 * The kernel's ports backed by Node: a monotonic wall clock, the OS random source, SHA-256,
 * and ML-DSA-65 signatures with the key pair kept in the store. `node:crypto` loads at the
 * first signature, key import or long hash (crypto.ts), not when aios starts.
 *
 * @example
 * const keys = createKeyPair();           // first boot
 * const k = new Kernel(createNodePorts(keys));
 */
import type { KeyObject } from 'node:crypto';
import type { KernelPorts } from '../kernel/index.ts';
import { nodeCrypto, randomFill, sha256Hex } from './crypto.ts';

export { sha256Hex };

export interface KeyPairDer {
  /** SPKI DER. */
  publicKey: Uint8Array;
  /** PKCS#8 DER. */
  privateKey: Uint8Array;
}

export const SIGNATURE_ALGORITHM = 'ml-dsa-65';

export function createKeyPair(): KeyPairDer {
  const { publicKey, privateKey } = nodeCrypto().generateKeyPairSync(SIGNATURE_ALGORITHM);
  return {
    publicKey: new Uint8Array(publicKey.export({ format: 'der', type: 'spki' })),
    privateKey: new Uint8Array(privateKey.export({ format: 'der', type: 'pkcs8' })),
  };
}

/** A monotonic clock in ms since the epoch: wall time at start plus a monotonic offset. */
export function monotonicNow(): number {
  return performance.timeOrigin + performance.now();
}

/** Verifies an ML-DSA-65 signature with a public key given as SPKI DER. */
export function verifyWith(publicKeyDer: Uint8Array, data: Uint8Array, signature: Uint8Array): boolean {
  try {
    const { createPublicKey, verify } = nodeCrypto();
    const key = createPublicKey({ key: Buffer.from(publicKeyDer), format: 'der', type: 'spki' });
    return verify(null, data, key, signature);
  } catch {
    return false;
  }
}

export function createNodePorts(keys: KeyPairDer): KernelPorts {
  // Each key is imported at its first use: importing ML-DSA-65 keys takes milliseconds that
  // `aios up` need not spend before it is ready, and a run may sign or verify nothing at all.
  let privateKey: KeyObject | undefined;
  let publicKey: KeyObject | undefined;
  const signingKey = () =>
    (privateKey ??= nodeCrypto().createPrivateKey({
      key: Buffer.from(keys.privateKey),
      format: 'der',
      type: 'pkcs8',
    }));
  const verifyingKey = () =>
    (publicKey ??= nodeCrypto().createPublicKey({
      key: Buffer.from(keys.publicKey),
      format: 'der',
      type: 'spki',
    }));
  const pool = new Uint32Array(1024);
  let next = pool.length;
  return {
    now: monotonicNow,
    randomU32() {
      if (next === pool.length) {
        randomFill(pool);
        next = 0;
      }
      return pool[next++];
    },
    sha256Hex,
    sign: (data) => new Uint8Array(nodeCrypto().sign(null, data, signingKey())),
    verify(data, signature, other) {
      if (other) return verifyWith(other, data, signature);
      const key = verifyingKey(); // a damaged key of our own is an error, not a bad signature
      try {
        return nodeCrypto().verify(null, data, key, signature);
      } catch {
        return false;
      }
    },
    publicKey: () => keys.publicKey,
  };
}

/**
 * Ports for tests and replay: a clock that moves only when told, and a seeded generator
 * (xorshift128+ from a 32-bit seed), so the same calls give the same kernel state.
 * Signatures are real ML-DSA-65 with a key made for the run.
 */
export function createDeterministicPorts(
  seed: number,
  start = 1_700_000_000_000,
): KernelPorts & { advance(ms: number): void } {
  const real = createNodePorts(createKeyPair());
  let now = start;
  let s0 = (seed ^ 0x9e3779b9) >>> 0 || 1;
  let s1 = (seed * 0x85ebca6b) >>> 0 || 2;
  return {
    ...real,
    now: () => now,
    advance(ms: number) {
      now += ms;
    },
    randomU32() {
      let x = s0;
      const y = s1;
      s0 = y;
      x ^= x << 23;
      x ^= x >>> 17;
      x ^= y ^ (y >>> 26);
      s1 = x >>> 0;
      return (s0 + s1) >>> 0;
    },
  };
}
