// The ribbon layout under the Sankey and cluster-flow charts (src/components/flows.ts).

import {describe, expect, it} from "vitest";
import {flowLayout} from "../../src/components/flows.js";

describe("flow layout", () => {
  it("stacks nodes in category order and conserves each node's in- and outflow", () => {
    const layout = flowLayout(
      2,
      ["a", "b"],
      [
        {column: 0, source: "a", target: "a", value: 3},
        {column: 0, source: "a", target: "b", value: 1},
        {column: 0, source: "b", target: "b", value: 2}
      ],
      {heightPx: 100, gapPx: 10}
    );
    expect(layout.nodes.map((n) => [n.column, n.key, n.value])).toEqual([
      [0, "a", 4],
      [0, "b", 2],
      [1, "a", 3],
      [1, "b", 3]
    ]);
    for (const r of layout.ribbons) {
      expect(r.sy1 - r.sy0).toBeCloseTo(r.value);
      expect(r.ty1 - r.ty0).toBeCloseTo(r.value);
    }
    // the gap is 10 px of 100
    expect((layout.gap / layout.span) * 100).toBeCloseTo(10);
  });
});
