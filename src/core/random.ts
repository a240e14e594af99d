/**
 * Seeded randomness: a small PRNG that gives the same numbers on every machine, and a shuffle driven
 * by it, so a seed reproduces a training run or a generated test model exactly.
 */

/**
 * A small seeded PRNG (mulberry32): uniform numbers in [0, 1), the same on every machine.
 *
 * @example
 * const random = mulberry32(42); random(); // the same number in [0, 1) on every run
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Fisher-Yates shuffle with a seeded random source, in place.
 *
 * @example
 * shuffleInPlace(chunks, mulberry32(1));
 */
export function shuffleInPlace<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}
