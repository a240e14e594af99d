/**
 * Drawing a text with its spans (coloured by label, overlaps split at every boundary) and reading
 * the character offsets of the user's selection back from the DOM.
 */

/** A span to draw; `key` identifies it in click handlers. */
export interface DrawnSpan {
  key: number;
  label: string;
  start: number;
  end: number;
  classes?: string[];
  title?: string;
}

/**
 * Renders `text` into `el` with a `<mark>` per covered segment (the shortest covering span wins);
 * `onClick` and `onHover` receive the span's key (null when the pointer leaves).
 *
 * @example
 * renderSpans(el, "Fiebre alta", [{ key: 0, label: "SYMPTOM", start: 0, end: 11 }], (key) => select(key));
 */
export function renderSpans(
  el: HTMLElement,
  text: string,
  spans: readonly DrawnSpan[],
  onClick?: (key: number) => void,
  onHover?: (key: number | null) => void,
): void {
  el.replaceChildren();
  const cuts = new Set<number>([0, text.length]);
  for (const s of spans) {
    cuts.add(Math.max(0, Math.min(text.length, s.start)));
    cuts.add(Math.max(0, Math.min(text.length, s.end)));
  }
  const points = [...cuts].sort((a, b) => a - b);
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i];
    const b = points[i + 1];
    const piece = text.slice(a, b);
    let best: DrawnSpan | undefined;
    for (const s of spans) {
      if (s.start <= a && s.end >= b && (!best || s.end - s.start < best.end - best.start)) best = s;
    }
    if (!best) {
      el.append(document.createTextNode(piece));
      continue;
    }
    const mark = document.createElement("mark");
    mark.className = ["span", ...(best.classes ?? [])].join(" ");
    mark.dataset.label = best.label;
    mark.dataset.key = String(best.key);
    mark.title = best.title ?? best.label;
    if (!["DISEASE", "SYMPTOM", "PROCEDURE"].includes(best.label)) {
      mark.style.setProperty("--c", labelColour(best.label));
    }
    mark.textContent = piece;
    const key = best.key;
    if (onClick) mark.addEventListener("click", () => onClick(key));
    if (onHover) {
      mark.addEventListener("mouseenter", () => onHover(key));
      mark.addEventListener("mouseleave", () => onHover(null));
    }
    el.append(mark);
  }
}

/**
 * The selected character range inside `el`, or null when the selection is elsewhere or empty.
 *
 * @example
 * const sel = selectionIn(targetPane); // { start: 12, end: 20 }
 */
export function selectionIn(el: HTMLElement): { start: number; end: number } | null {
  const sel = window.getSelection();
  if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
  const range = sel.getRangeAt(0);
  if (!el.contains(range.startContainer) || !el.contains(range.endContainer)) return null;
  const start = offsetOf(el, range.startContainer, range.startOffset);
  const end = offsetOf(el, range.endContainer, range.endOffset);
  return start < end ? { start, end } : null;
}

/**
 * Trims spaces off a range's ends (a double-click selection often includes the next space).
 *
 * @example
 * trimRange("a fever ", { start: 1, end: 8 }); // { start: 2, end: 7 }
 */
export function trimRange(text: string, r: { start: number; end: number }): { start: number; end: number } {
  let { start, end } = r;
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return { start, end };
}

function offsetOf(root: HTMLElement, node: Node, offset: number): number {
  if (node.nodeType !== Node.TEXT_NODE) {
    // A boundary between children: count the text of the children before it.
    let total = 0;
    for (let i = 0; i < offset && i < node.childNodes.length; i++)
      total += node.childNodes[i].textContent?.length ?? 0;
    return textBefore(root, node) + total;
  }
  return textBefore(root, node) + offset;
}

function textBefore(root: HTMLElement, node: Node): number {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let total = 0;
  for (let current = walker.nextNode(); current; current = walker.nextNode()) {
    if (current === node || node.contains(current)) return total;
    total += current.textContent?.length ?? 0;
  }
  return total;
}

/**
 * A stable colour for labels beyond the three MultiClinAI ones.
 *
 * @example
 * labelColour("MEDICATION"); // "hsl(212 60% 45%)"
 */
export function labelColour(label: string): string {
  let h = 0;
  for (const ch of label) h = (h * 31 + ch.charCodeAt(0)) % 360;
  return `hsl(${h} 60% 45%)`;
}

/**
 * Creates an element with text and classes.
 *
 * @example
 * el("p", "hello", "hint");
 */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  text?: string,
  className?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}
