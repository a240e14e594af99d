/**
 * The hashing trick: a feature string (template name + value) becomes a row of the weight table with
 * no vocabulary to store. FNV-1a over UTF-16 code units, then a murmur3 finaliser so that the low
 * bits used as the bucket are well mixed.
 */

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/**
 * Hashes a template name; pass the result to {@link hashFeature} for each value.
 *
 * @example
 * const W0 = templateSeed("w0");
 */
export function templateSeed(template: string): number {
  return mixString(FNV_OFFSET, `${template}\u0001`);
}

/**
 * The bucket of `value` under a template seed, in [0, 2^hashBits).
 *
 * @example
 * hashFeature(templateSeed("w0"), "fiebre", bucketMask(20)); // a number below 2^20
 */
export function hashFeature(seed: number, value: string, mask: number): number {
  return finalize(mixString(seed, value)) & mask;
}

/**
 * The bucket of two values joined (neighbour bigrams) without building the joined string.
 *
 * @example
 * hashFeature2(templateSeed("w-1w0"), "dolor", "torácico", bucketMask(20));
 */
export function hashFeature2(seed: number, a: string, b: string, mask: number): number {
  return finalize(mixString(mixString(mixString(seed, a), "\u0002"), b)) & mask;
}

/**
 * The mask for a table of 2^hashBits rows.
 *
 * @example
 * bucketMask(20); // 0xfffff
 */
export function bucketMask(hashBits: number): number {
  return hashBits >= 31 ? 0x7fffffff : (1 << hashBits) - 1;
}

function mixString(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return h;
}

function finalize(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
