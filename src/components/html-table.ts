// The one HTML table builder of the site: every table a page or component
// shows is made here, so that column headers carry scope="col", each row's
// first cell is its header, and classes, not inline styles, set the look
// (src/style.css). A cell is text or a node, optionally with attributes; a
// row may carry attributes of its own; rows may come in groups, one <tbody>
// each (a claim's row and its note, say).

/** Text or a node (a link, a badge), with or without attributes; the attribute "tag" makes a row's first cell a <td>. */
export type Cell = string | Node | [string | Node, Record<string, string>];
/** Cells, or cells with the row's own attributes. */
export type Row = Cell[] | {cells: Cell[]; attrs: Record<string, string>};

export interface TableParts {
  head: Cell[];
  /** the rows of the table's one <tbody> */
  body?: Row[];
  /** or groups of rows, one <tbody> each, with the group's attributes */
  groups?: {rows: Row[]; attrs?: Record<string, string>}[];
  foot?: Row[];
  /** attributes of the <table> (class, aria-label, …), set in this order */
  attrs?: Record<string, string>;
  /** scope of a row's first cell: "row", or "rowgroup" when it heads its group */
  rowScope?: "row" | "rowgroup";
}

export function htmlTable(doc: Document, parts: TableParts): HTMLTableElement {
  const table = doc.createElement("table");
  setAttrs(table, parts.attrs);
  const cell = (tag: "th" | "td", c: Cell): HTMLTableCellElement => {
    const [content, attrs]: [string | Node, Record<string, string>] = Array.isArray(c) ? c : [c, {}];
    const {tag: forced, ...rest} = attrs;
    const el = doc.createElement((forced as "th" | "td" | undefined) ?? tag);
    if (typeof content === "string") el.textContent = content;
    else el.append(content);
    setAttrs(el, rest);
    return el;
  };
  const thead = doc.createElement("thead");
  const htr = doc.createElement("tr");
  for (const c of parts.head) {
    const th = cell("th", c);
    th.setAttribute("scope", "col");
    htr.append(th);
  }
  thead.append(htr);
  table.append(thead);
  const section = (rows: Row[], tag: "tbody" | "tfoot", attrs?: Record<string, string>) => {
    const s = doc.createElement(tag);
    setAttrs(s, attrs);
    for (const r of rows) {
      const tr = doc.createElement("tr");
      const cells = Array.isArray(r) ? r : r.cells;
      if (!Array.isArray(r)) setAttrs(tr, r.attrs);
      cells.forEach((c, j) => {
        const el = cell(j === 0 ? "th" : "td", c);
        if (j === 0 && el.tagName === "TH") el.setAttribute("scope", parts.rowScope ?? "row");
        tr.append(el);
      });
      s.append(tr);
    }
    table.append(s);
  };
  if (parts.body) section(parts.body, "tbody");
  for (const g of parts.groups ?? []) section(g.rows, "tbody", g.attrs);
  if (parts.foot?.length) section(parts.foot, "tfoot");
  return table;
}

function setAttrs(el: Element, attrs: Record<string, string> = {}): void {
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
}
