// Where map labels go so that no two overlap: each label, in order, takes the
// first of a few positions around its anchor (on it, above, below, right,
// left, the diagonals, farther above and below) whose box stays inside the
// frame and clear of every label placed before it and of the boxes to avoid;
// a label with no such position is left out (its name stays in the map's
// tooltip). Hand-written because neither Plot nor d3 places labels, and a
// greedy pass over a dozen candidates is all a map of a few dozen names needs.
// Text widths are estimated from the number of characters (no DOM: the
// pipeline's tests draw the maps in Node), generously.

export interface LabelBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Label {
  /** anchor, px */
  x: number;
  y: number;
  text: string;
  fontSize: number;
}

/** A label's box centred at (x, y). */
export function labelBox(text: string, fontSize: number, x: number, y: number): LabelBox {
  const width = text.length * fontSize * 0.62 + 4;
  const height = fontSize * 1.25;
  return {x: x - width / 2, y: y - height / 2, width, height};
}

export const overlaps = (a: LabelBox, b: LabelBox): boolean =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Each label's centre, or null where it is left out. */
export function placeLabels(
  labels: readonly Label[],
  frame: {width: number; height: number},
  avoid: readonly LabelBox[] = []
): ([number, number] | null)[] {
  const placed: LabelBox[] = [...avoid];
  return labels.map(({x, y, text, fontSize}) => {
    if (!text) return null;
    const {width: w, height: h} = labelBox(text, fontSize, 0, 0);
    const candidates: [number, number][] = [
      [0, 0],
      [0, -h],
      [0, h],
      [w / 2 + 4, 0],
      [-w / 2 - 4, 0],
      [w / 2 + 4, -h],
      [-w / 2 - 4, -h],
      [w / 2 + 4, h],
      [-w / 2 - 4, h],
      [0, -2 * h],
      [0, 2 * h]
    ];
    for (const [dx, dy] of candidates) {
      const box = labelBox(text, fontSize, x + dx, y + dy);
      if (box.x < 0 || box.y < 0 || box.x + box.width > frame.width || box.y + box.height > frame.height) continue;
      if (placed.some((p) => overlaps(p, box))) continue;
      placed.push(box);
      return [x + dx, y + dy];
    }
    return null;
  });
}
