/**
 * The word-order model: a first-order HMM over alignment positions (Vogel et al. 1996) with NULL states
 * that remember the last real position (Och & Ney 2003). A state is a position i of the "generating"
 * side; each observed word of the other side is emitted by the current state. Jumps i - i' share one
 * learned probability per distance within ±JUMP_WIDTH and one per side beyond, so a forward-backward
 * pass costs n x m x (2 JUMP_WIDTH + 3) with prefix sums for the far jumps: linear in the pair's cells.
 */

/** Distances with their own jump probability on each side; farther jumps share one per side. */
export const JUMP_WIDTH = 2;
/** Length of a jump table: distances -W..W, then far-left, far-right. */
export const JUMP_SLOTS = 2 * JUMP_WIDTH + 3;

/** A learned word-order model for one direction. */
export interface JumpModel {
  /** Unnormalised jump weights (length JUMP_SLOTS); the far slots are per single far distance. */
  readonly jumps: Float32Array;
  /** Probability of emitting from NULL at each observation. */
  readonly nullProbability: number;
}

/**
 * The initial jump model: a peak at +1 decaying with distance (what EM would learn from monotone text),
 * so the first HMM iteration starts from a sensible order.
 *
 * @example
 * initialJumpModel().jumps.length; // JUMP_SLOTS
 */
export function initialJumpModel(nullProbability = 0.08): JumpModel {
  const jumps = new Float32Array(JUMP_SLOTS);
  for (let d = -JUMP_WIDTH; d <= JUMP_WIDTH; d++) jumps[d + JUMP_WIDTH] = Math.exp(-0.7 * Math.abs(d - 1));
  jumps[2 * JUMP_WIDTH + 1] = jumps[0] * 0.5;
  jumps[2 * JUMP_WIDTH + 2] = jumps[2 * JUMP_WIDTH] * 0.5;
  return { jumps, nullProbability };
}

/** Scratch buffers of a forward-backward pass, grown on demand and reused (allocation-free loops). */
export class HmmScratch {
  alpha = new Float64Array(0);
  nul = new Float64Array(0);
  beta = new Float64Array(0);
  scale = new Float64Array(0);
  prev = new Float64Array(0);
  prefix = new Float64Array(0);
  tmp = new Float64Array(0);
  invZ = new Float64Array(0);

  ensure(states: number, obs: number): void {
    const cells = states * obs;
    if (this.alpha.length < cells) {
      this.alpha = new Float64Array(2 * cells);
      this.nul = new Float64Array(2 * cells);
      this.beta = new Float64Array(2 * cells);
    }
    if (this.scale.length < obs + 1) this.scale = new Float64Array(2 * obs + 2);
    if (this.prev.length < states + 2) {
      this.prev = new Float64Array(2 * states + 4);
      this.prefix = new Float64Array(2 * states + 4);
      this.tmp = new Float64Array(2 * states + 4);
      this.invZ = new Float64Array(2 * states + 4);
    }
  }
}

/**
 * One forward-backward pass. `emit(s, o) = emit[s * sStride + o * oStride]` is the probability that state
 * (position) s emits observation o; `nullEmit[o]` that NULL does. Writes the posterior of each real
 * state into `post` (same layout as `emit`) and of NULL into `nullPost[o]`, adds expected jump counts
 * to `jumpCounts` when given (length JUMP_SLOTS), and returns the log-likelihood.
 *
 * @example
 * const post = new Float32Array(4), nullPost = new Float32Array(2);
 * forwardBackward(Float32Array.of(0.9, 0.1, 0.1, 0.9), 2, 1, Float32Array.of(0.01, 0.01), 2, 2,
 *   initialJumpModel(), post, nullPost, new HmmScratch());
 * // post[0] and post[3] are close to 1
 */
export function forwardBackward(
  emit: Float32Array,
  sStride: number,
  oStride: number,
  nullEmit: Float32Array,
  states: number,
  obs: number,
  model: JumpModel,
  post: Float32Array,
  nullPost: Float32Array,
  scratch: HmmScratch,
  jumpCounts?: Float64Array,
): number {
  const n = states;
  const W = JUMP_WIDTH;
  const J = model.jumps;
  const p0 = model.nullProbability;
  const farL = J[2 * W + 1];
  const farR = J[2 * W + 2];
  scratch.ensure(n, obs);
  const { alpha, nul, beta, scale, prev, prefix, tmp, invZ } = scratch;
  // invZ[i' + 1]: 1 / sum_i jump(i - i') for i' = -1 (the start) .. n-1.
  for (let q = -1; q < n; q++) {
    let z = 0;
    for (let i = 0; i < n; i++) z += jumpAt(J, i - q, farL, farR);
    invZ[q + 1] = z > 0 ? (1 - p0) / z : 0;
  }
  // Forward, scaled per observation. prev[q + 1] = (alpha + null)(q) * invZ[q + 1]: the mass leaving q.
  prev.fill(0, 0, n + 1);
  prev[0] = invZ[0];
  let logLik = 0;
  for (let o = 0; o < obs; o++) {
    const base = o * n;
    // prefix[k] = sum of prev[0..k) (positions -1..k-2), for the far jumps.
    prefix[0] = 0;
    for (let k = 0; k <= n; k++) prefix[k + 1] = prefix[k] + prev[k];
    let total = 0;
    const ne = nullEmit[o];
    for (let i = 0; i < n; i++) {
      // Near jumps from q in [i - W, i + W]; q ranges over -1..n-1, stored at q + 1.
      const qLo = Math.max(-1, i - W);
      const qHi = Math.min(n - 1, i + W);
      let s = 0;
      for (let q = qLo; q <= qHi; q++) s += prev[q + 1] * J[i - q + W];
      // Far: q < i - W (jump > W, far-right) and q > i + W (jump < -W, far-left).
      if (qLo > -1) s += farR * prefix[qLo + 1];
      if (qHi < n - 1) s += farL * (prefix[n + 1] - prefix[qHi + 2]);
      const a = s * emit[i * sStride + o * oStride];
      alpha[base + i] = a;
      // NULL remembering i: entered from i (real or null) with p0; at o = 0 from the start's jump.
      const from = o === 0 ? (jumpAt(J, i + 1, farL, farR) * invZ[0] * p0) / (1 - p0 || 1) : 0;
      const nv = o === 0 ? from * ne : 0;
      nul[base + i] = nv;
      total += a + nv;
    }
    if (o > 0) {
      const pb = (o - 1) * n;
      for (let i = 0; i < n; i++) {
        const v = p0 * (alpha[pb + i] + nul[pb + i]) * ne;
        nul[base + i] = v;
        total += v;
      }
    }
    if (total <= 0) total = 1e-300;
    scale[o] = total;
    logLik += Math.log(total);
    const inv = 1 / total;
    for (let i = 0; i < n; i++) {
      alpha[base + i] *= inv;
      nul[base + i] *= inv;
      prev[i + 1] = (alpha[base + i] + nul[base + i]) * invZ[i + 1];
    }
    prev[0] = 0;
  }
  // Backward: beta(o, q) is shared by real q and NULL-q (same outgoing transitions).
  const last = (obs - 1) * n;
  for (let i = 0; i < n; i++) beta[last + i] = 1;
  for (let o = obs - 2; o >= 0; o--) {
    const nb = (o + 1) * n;
    const ne = nullEmit[o + 1];
    // tmp[i] = emit(i, o+1) * beta(o+1, i): the mass arriving at real i.
    for (let i = 0; i < n; i++) tmp[i] = emit[i * sStride + (o + 1) * oStride] * beta[nb + i];
    prefix[0] = 0;
    for (let i = 0; i < n; i++) prefix[i + 1] = prefix[i] + tmp[i];
    const inv = 1 / scale[o + 1];
    const base = o * n;
    for (let q = 0; q < n; q++) {
      const iLo = Math.max(0, q - W);
      const iHi = Math.min(n - 1, q + W);
      let s = 0;
      for (let i = iLo; i <= iHi; i++) s += tmp[i] * J[i - q + W];
      if (iLo > 0) s += farL * prefix[iLo];
      if (iHi < n - 1) s += farR * (prefix[n] - prefix[iHi + 1]);
      beta[base + q] = (s * invZ[q + 1] + p0 * ne * beta[nb + q]) * inv;
    }
  }
  // Posteriors, and expected jumps: xi(o, q -> i) = (alpha + null)(o-1, q) invZ J(i - q) emit(i, o) beta(o, i) / scale(o).
  for (let o = 0; o < obs; o++) {
    const base = o * n;
    let np = 0;
    for (let i = 0; i < n; i++) {
      post[i * sStride + o * oStride] = alpha[base + i] * beta[base + i];
      np += nul[base + i] * beta[base + i];
    }
    nullPost[o] = np;
  }
  if (jumpCounts) {
    for (let o = 0; o < obs; o++) {
      const base = o * n;
      const inv = 1 / scale[o];
      // prev[q + 1]: mass leaving q at o - 1 (the start at o = 0).
      if (o === 0) {
        prev.fill(0, 0, n + 1);
        prev[0] = invZ[0];
      } else {
        const pb = (o - 1) * n;
        prev[0] = 0;
        for (let q = 0; q < n; q++) prev[q + 1] = (alpha[pb + q] + nul[pb + q]) * invZ[q + 1];
      }
      prefix[0] = 0;
      for (let k = 0; k <= n; k++) prefix[k + 1] = prefix[k] + prev[k];
      for (let i = 0; i < n; i++) {
        const eb = emit[i * sStride + o * oStride] * beta[base + i] * inv;
        if (eb === 0) continue;
        const qLo = Math.max(-1, i - W);
        const qHi = Math.min(n - 1, i + W);
        for (let q = qLo; q <= qHi; q++) jumpCounts[i - q + W] += prev[q + 1] * J[i - q + W] * eb;
        if (qLo > -1) jumpCounts[2 * W + 2] += farR * prefix[qLo + 1] * eb;
        if (qHi < n - 1) jumpCounts[2 * W + 1] += farL * (prefix[n + 1] - prefix[qHi + 2]) * eb;
      }
    }
  }
  return logLik;
}

function jumpAt(J: Float32Array, d: number, farL: number, farR: number): number {
  if (d > JUMP_WIDTH) return farR;
  if (d < -JUMP_WIDTH) return farL;
  return J[d + JUMP_WIDTH];
}

/**
 * M-step of the jump model: near distances take their expected counts, each far slot its count spread
 * over the far distances it covers (so one far distance never outweighs the nearest ones).
 * `farOptions[0]` counts transitions, `farOptions[far slot]` the far distances open to them.
 *
 * @example
 * const next = jumpModelFromCounts(counts, farOptions, 0.08);
 */
export function jumpModelFromCounts(
  counts: Float64Array,
  farOptions: Float64Array,
  nullProbability: number,
): JumpModel {
  const W = JUMP_WIDTH;
  let total = 0;
  for (let k = 0; k < JUMP_SLOTS; k++) total += counts[k];
  const jumps = new Float32Array(JUMP_SLOTS);
  if (total <= 0) return initialJumpModel(nullProbability);
  // A small floor keeps every jump possible (unseen distances in a small corpus).
  for (let k = 0; k <= 2 * W; k++) jumps[k] = counts[k] / total + 1e-4;
  for (const k of [2 * W + 1, 2 * W + 2]) {
    // farOptions[k] / farOptions[0]: the mean number of far distances one far jump chooses among.
    const spread = farOptions[0] > 0 ? farOptions[k] / farOptions[0] : 0;
    const per = spread > 0 ? counts[k] / total / spread : 0;
    jumps[k] = Math.min(per + 1e-5, k === 2 * W + 1 ? jumps[0] : jumps[2 * W]);
  }
  return { jumps, nullProbability };
}
