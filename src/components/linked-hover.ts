// Linked hover between grid maps of the same cells (the Coupling page's carbon,
// ESV and LISA maps): pointing at a cell on one map outlines the same cell on
// the others. Each map figure carries the ids of its cell paths, in drawing
// order (`cellIds`, set by GridMap and LisaMap); nothing is re-rendered, only
// a class is moved, so hovering stays instant on thousands of cells.

/** A map figure that knows which cell each of its paths draws. */
export type CellMap = HTMLElement & {cellIds?: readonly number[]};

/** Marks a figure's cell paths with the cells' ids (call after the chart is drawn). */
export function tagCells(figure: CellMap, ids: readonly number[]): CellMap {
  figure.cellIds = ids;
  return figure;
}

const LINKED = "atlas-linked";

/** Links the maps: returns a function that unlinks them. */
export function linkHover(figures: readonly CellMap[]): () => void {
  const paths = figures.map((f) => Array.from(f.querySelectorAll<SVGPathElement>("g.atlas-cells path")));
  const byId = paths.map((ps, k) => {
    const ids = figures[k].cellIds ?? [];
    const m = new Map<number, SVGPathElement>();
    ps.forEach((p, i) => ids[i] !== undefined && m.set(ids[i], p));
    return m;
  });
  const idOf = paths.map((ps, k) => new Map(ps.map((p, i) => [p as Element, figures[k].cellIds?.[i]])));
  let current: SVGPathElement[] = [];
  const show = (id: number | undefined) => {
    for (const p of current) p.classList.remove(LINKED);
    current = id === undefined ? [] : byId.map((m) => m.get(id)).filter((p): p is SVGPathElement => !!p);
    for (const p of current) p.classList.add(LINKED);
  };
  const move = (k: number) => (event: Event) => show(idOf[k].get(event.target as Element));
  const leave = () => show(undefined);
  const handlers = figures.map((f, k) => {
    const m = move(k);
    f.addEventListener("pointerover", m);
    f.addEventListener("pointerleave", leave);
    return () => {
      f.removeEventListener("pointerover", m);
      f.removeEventListener("pointerleave", leave);
    };
  });
  return () => {
    leave();
    for (const off of handlers) off();
  };
}

/**
 * Linked hover among the map figures inside a container, which may be
 * redrawn at any time (resize, new epoch): the links are rebuilt on the first
 * pointer move after a redraw. Returns a function that stops it.
 */
export function linkHoverWithin(container: Element): () => void {
  let figures: CellMap[] = [];
  let unlink = () => {};
  const refresh = () => {
    const now = Array.from(container.querySelectorAll<CellMap>("figure")).filter((f) => f.cellIds);
    if (now.length === figures.length && now.every((f, i) => f === figures[i])) return;
    unlink();
    figures = now;
    unlink = linkHover(figures);
  };
  container.addEventListener("pointerover", refresh, {capture: true});
  return () => {
    container.removeEventListener("pointerover", refresh, {capture: true});
    unlink();
  };
}
