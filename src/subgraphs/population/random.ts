/**
 * A small seeded PRNG for the synthetic datasets: the same seed gives the same sequence on every
 * machine and Node version (Math.random cannot be seeded).
 */

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max], both included. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  /** True with the given probability. */
  chance(probability: number): boolean;
}

/** mulberry32 (Tommy Ettinger): 32-bit state, fast, and good enough for test data (not for secrets). */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    pick: (items) => items[Math.floor(next() * items.length)],
    chance: (probability) => next() < probability,
  };
}

/** Picks items in proportion to their weights (binary search over the running totals). */
export function weightedPicker<T>(entries: readonly (readonly [T, number])[]): (random: Random) => T {
  const totals: number[] = [];
  let sum = 0;
  for (const [, weight] of entries) totals.push((sum += weight));
  return (random) => {
    const target = random.next() * sum;
    let lo = 0;
    let hi = totals.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (totals[mid] > target) hi = mid;
      else lo = mid + 1;
    }
    return entries[lo][0];
  };
}
