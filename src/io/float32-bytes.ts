/**
 * Float32 arrays as little-endian bytes, the layout of every `.f32` file Clinspan writes (model
 * weights, concept tables, feature caches). Both directions copy, so the bytes may come from a Buffer
 * at any offset, and both swap on a big-endian machine, so the files are portable.
 */

// Read from a typed array rather than node:os, which every command importing io would then load.
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * The little-endian bytes of `values` (a view without copying on little-endian machines).
 *
 * @example
 * float32ToBytes(Float32Array.of(1)); // Uint8Array [0, 0, 128, 63]
 */
export function float32ToBytes(values: Float32Array): Uint8Array {
  if (LITTLE_ENDIAN) return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  const out = new Uint8Array(values.byteLength);
  const view = new DataView(out.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i], true);
  return out;
}

/**
 * Reads little-endian float32 bytes into a new, aligned Float32Array (`bytes.byteLength / 4` values;
 * the caller checks the length first).
 *
 * @example
 * float32FromBytes(Uint8Array.of(0, 0, 128, 63)); // Float32Array [1]
 */
export function float32FromBytes(bytes: Uint8Array): Float32Array {
  const out = new Float32Array(bytes.byteLength >> 2);
  if (LITTLE_ENDIAN) {
    new Uint8Array(out.buffer).set(bytes.subarray(0, out.byteLength));
    return out;
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(i * 4, true);
  return out;
}
