// The Data page: the SQL console (DuckDB-Wasm) answers its default query
// with one row per epoch, runs a typed query submitted by keyboard and an
// example query picked by click; a table's CSV download is made in the
// browser and starts with the table's columns.
import type {Page} from "playwright-core";

export const path = "/data.html";

const TIMEOUT = 60_000;

async function resultRows(page: Page): Promise<string[][]> {
  return page.$$eval("#data-result table tbody tr", (trs) =>
    trs.map((tr) => Array.from(tr.querySelectorAll("td"), (td) => (td.textContent ?? "").trim()).filter((t) => t !== ""))
  );
}

async function resultHeader(page: Page): Promise<string[]> {
  return page.$$eval("#data-result table thead th", (ths) => ths.map((th) => (th.textContent ?? "").trim()).filter(Boolean));
}

async function waitFor<T>(page: Page, read: () => Promise<T>, ok: (v: T) => boolean, what: string): Promise<T> {
  const t0 = Date.now();
  let v = await read();
  while (!ok(v)) {
    if (Date.now() - t0 > TIMEOUT) throw new Error(`${what}; last seen ${JSON.stringify(v).slice(0, 300)}`);
    await page.waitForTimeout(200);
    v = await read();
  }
  return v;
}

export async function check(page: Page): Promise<void> {
  // 0. DuckDB and the tables load only when the console is opened
  const before = await page.evaluate(() => performance.getEntriesByType("resource").map((e) => e.name));
  if (before.some((u) => /duckdb.*\.wasm|\/grid\.[0-9a-f]+\.arrow/.test(u)))
    throw new Error("the Data page loaded DuckDB or the full grid table before the console was opened");
  await page.click("#data-open-console button");
  // 1. the default query: net carbon and ESV per epoch, one row per epoch, epochs ascending
  await page.waitForSelector("#data-result", {timeout: TIMEOUT});
  const failed = await page.$("#data-result.atlas-sql-error");
  if (failed) throw new Error(`the default query failed: ${await failed.textContent()}`);
  const header = await waitFor(
    page,
    () => resultHeader(page),
    (h) => h.includes("net_carbon_1e4_t"),
    "the default query's columns did not appear"
  );
  if (!header.includes("epoch") || !header.includes("esv_1e8_yuan")) throw new Error(`default query columns: ${header.join(", ")}`);
  const rows = await resultRows(page);
  const epochs = rows.map((r) => Number(r[header.indexOf("epoch")].replace(/,/g, "")));
  if (rows.length < 2 || epochs.some((e, i) => !(e >= 1900 && e <= 2100) || (i > 0 && e <= epochs[i - 1])))
    throw new Error(`default query should give one row per epoch in order, got ${JSON.stringify(rows)}`);
  const carbon = rows.map((r) => Number(r[header.indexOf("net_carbon_1e4_t")].replace(/[,\u2212]/g, (c) => (c === "," ? "" : "-"))));
  if (carbon.some((v) => !Number.isFinite(v))) throw new Error(`net carbon column is not numeric: ${JSON.stringify(rows)}`);

  // 2. a typed query, submitted with Ctrl+Enter: count the rows of a table and compare with the catalogue
  const expected = await page.$eval("#table-moran .atlas-facts", (p) =>
    Number((p.textContent ?? "").match(/^([\d,]+) rows/)?.[1].replace(/,/g, ""))
  );
  const textarea = page.locator("#data-sql textarea");
  await textarea.fill("SELECT count(*) AS n FROM moran");
  await textarea.press("Control+Enter");
  const counted = await waitFor(
    page,
    async () => ((await resultHeader(page)).join() === "n" ? await resultRows(page) : []),
    (r) => r.length === 1,
    "the typed count query did not show one row"
  );
  const n = Number(counted[0][0].replace(/,/g, ""));
  if (n !== expected) throw new Error(`SELECT count(*) FROM moran gave ${n}; the table listing says ${expected} rows`);

  // 3. an example query by click
  await page.locator("#data-examples button", {hasText: "Moran's I under both nulls"}).click();
  const moranHeader = await waitFor(
    page,
    () => resultHeader(page),
    (h) => h.includes("moran_i"),
    "the example query did not run"
  );
  if (!moranHeader.includes("p_sim_pairs") || !moranHeader.includes("p_sim"))
    throw new Error(`example query columns: ${moranHeader.join(", ")}`);
  const moranRows = await resultRows(page);
  if (moranRows.length !== expected) throw new Error(`example query gave ${moranRows.length} rows, expected ${expected}`);

  // 4. a query error is shown on the page, not thrown
  await textarea.fill("SELECT no_such_column FROM moran");
  await page.locator("#data-sql button", {hasText: "Run query"}).click();
  await page.waitForSelector("#data-result.atlas-sql-error", {timeout: TIMEOUT});

  // 5. the CSV download of a table is made in the browser and has the table's columns
  const [download] = await Promise.all([
    page.waitForEvent("download", {timeout: TIMEOUT}),
    page.locator("#table-carbon button.atlas-download").click()
  ]);
  if (download.suggestedFilename() !== "carbon.csv") throw new Error(`CSV download named ${download.suggestedFilename()}`);
  const stream = await download.createReadStream();
  let text = "";
  for await (const chunk of stream) text += String(chunk);
  const first = text.split("\n")[0];
  if (first !== "epoch,source,method,t,e4t") throw new Error(`carbon.csv starts with ${JSON.stringify(first)}`);
  if (text.trim().split("\n").length < 2) throw new Error("carbon.csv has no rows");

  // 6. the Arrow download links point at the site's own files
  const hrefs = await page.$$eval("#data-tables a[download]", (as) => as.map((a) => (a as HTMLAnchorElement).href));
  const sections = await page.locator("#data-tables section").count();
  const origin = new URL(page.url()).origin;
  if (hrefs.length !== sections || hrefs.some((h) => new URL(h).origin !== origin || !h.endsWith(".arrow")))
    throw new Error(`Arrow download links: ${hrefs.join(", ")}`);
}
