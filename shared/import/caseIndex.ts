/**
 * caseId → open case, for the assembler. A Map (and a dictionary-mode object) was the largest
 * cost of reading a case-contiguous log: every case is added once and deleted once, and the
 * tables a Map or dictionary leaves behind when it rehashes keep pointing at the cases that were
 * open then (a Map's old table also links to its successor). Once such a table has reached the
 * old generation, those pointers keep young cases — their events, attributes and the text they
 * were cut from — alive through every scavenge until the next full GC: on the 1M-event bench log,
 * 300+ MB promoted and GC pauses of 1–2 s CPU, against 12 MB and 0.2 s with this index.
 *
 * This open-addressing table owns its arrays: a deleted slot is cleared at once, and arrays
 * dropped on a resize are emptied first, so nothing stale points at a case.
 *
 * Each slot keeps its key's hash: a rebuild (every ~live-size adds, to drop deleted slots) rehashed
 * every live key, and the `…Hashed` methods let the assembler hash a case id once for all its
 * lookups (the hash is {@link stringHash}'s, which callers must pass).
 */
import { stringHash } from './fingerprints';

/** Marks a deleted slot (keeps probe chains intact); never equal to a case id. */
const GONE = {} as unknown as string;

export class CaseIndex<V> {
  private keys: Array<string | undefined>;
  private values: Array<V | undefined>;
  private hashes: Int32Array;
  private mask: number;
  /** Live entries. */
  size = 0;
  /** Live entries plus deleted slots: what the probing sees. */
  private used = 0;

  /** `capacity` is rounded up to a power of two, at least 4. */
  constructor(initialCapacity = 64) {
    let capacity = 4;
    while (capacity < initialCapacity) capacity *= 2;
    this.keys = new Array<string | undefined>(capacity).fill(undefined);
    this.values = new Array<V | undefined>(capacity).fill(undefined);
    this.hashes = new Int32Array(capacity);
    this.mask = capacity - 1;
  }

  get(key: string): V | undefined {
    return this.getHashed(key, stringHash(key));
  }

  /** Adds a key that is not in the index. */
  add(key: string, value: V): void {
    this.addHashed(key, value, stringHash(key));
  }

  delete(key: string): void {
    this.deleteHashed(key, stringHash(key));
  }

  /** {@link get} with the key's {@link stringHash} already known. */
  getHashed(key: string, hash: number): V | undefined {
    const keys = this.keys;
    for (let i = hash & this.mask; ; i = (i + 1) & this.mask) {
      const k = keys[i];
      if (k === undefined) return undefined;
      if (k === key) return this.values[i];
    }
  }

  /** {@link add} with the key's {@link stringHash} already known. */
  addHashed(key: string, value: V, hash: number): void {
    if ((this.used + 1) * 2 > this.keys.length) this.rebuild();
    const keys = this.keys;
    for (let i = hash & this.mask; ; i = (i + 1) & this.mask) {
      const k = keys[i];
      if (k === undefined || k === GONE) {
        if (k === undefined) this.used++;
        keys[i] = key;
        this.values[i] = value;
        this.hashes[i] = hash;
        this.size++;
        return;
      }
    }
  }

  /** {@link delete} with the key's {@link stringHash} already known. */
  deleteHashed(key: string, hash: number): void {
    const keys = this.keys;
    for (let i = hash & this.mask; ; i = (i + 1) & this.mask) {
      const k = keys[i];
      if (k === undefined) return;
      if (k === key) {
        keys[i] = GONE;
        this.values[i] = undefined;
        this.size--;
        return;
      }
    }
  }

  clear(): void {
    this.keys.fill(undefined);
    this.values.fill(undefined);
    this.size = this.used = 0;
  }

  /**
   * Drops deleted slots, doubling the table until the live entries (and the one being added) fill
   * at most a quarter of it; probing always ends, as `add` keeps at least half the slots empty.
   */
  private rebuild(): void {
    const oldKeys = this.keys;
    const oldValues = this.values;
    const oldHashes = this.hashes;
    let capacity = oldKeys.length;
    while ((this.size + 1) * 4 > capacity) capacity *= 2;
    this.keys = new Array<string | undefined>(capacity).fill(undefined);
    // Stryker disable next-line ArrayDeclaration: an array grown on demand holds the same values; the keys decide what is present
    this.values = new Array<V | undefined>(capacity).fill(undefined);
    this.hashes = new Int32Array(capacity);
    this.mask = capacity - 1;
    this.size = this.used = 0;
    for (let i = 0; i < oldKeys.length; i++) {
      const k = oldKeys[i];
      if (k !== undefined && k !== GONE) this.addHashed(k, oldValues[i]!, oldHashes[i]!);
    }
    // the old arrays may sit in the old generation: emptied, they keep no case alive
    oldKeys.fill(undefined);
    oldValues.fill(undefined);
  }
}
