// Helpers for the interaction checks in ./interactions/: operate a control by
// keyboard, as a reader without a mouse would, and wait until what the page
// shows has changed (or fail with a message saying what did not change).
import type {Page} from "playwright-core";

/** Move an Inputs.radio (a <form> with this id) one step with an arrow key; returns the newly checked label. */
export async function stepRadio(page: Page, formId: string, key: "ArrowLeft" | "ArrowRight" = "ArrowLeft"): Promise<string> {
  const checked = page.locator(`#${formId} input:checked`);
  if ((await checked.count()) !== 1) throw new Error(`#${formId}: no checked radio button (is the control on the page?)`);
  const before = await checked.evaluate((i) => i.parentElement?.textContent?.trim() ?? "");
  await checked.focus();
  await page.keyboard.press(key);
  const after = await page.locator(`#${formId} input:checked`).evaluate((i) => i.parentElement?.textContent?.trim() ?? "");
  if (after === before) throw new Error(`#${formId}: ${key} did not move the selection from ${before}`);
  return after;
}

/** Move an Inputs.select (a <form> with this id) to the next option by keyboard; returns the new value's text. */
export async function stepSelect(page: Page, formId: string): Promise<string> {
  const select = page.locator(`#${formId} select`);
  const before = await select.evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent ?? "");
  await select.focus();
  await page.keyboard.press("ArrowDown");
  const after = await select.evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent ?? "");
  if (after === before) throw new Error(`#${formId}: ArrowDown did not change the selection from ${before}`);
  return after;
}

/**
 * Wait until `probe` (run in the page) returns something other than `before`;
 * throw `message` if it has not within `timeout` ms.
 */
export async function waitForChange<T>(page: Page, probe: () => T, before: T, message: string, timeout = 10_000): Promise<T> {
  const key = JSON.stringify(before);
  try {
    await page.waitForFunction(
      ({fn, key}) => JSON.stringify(new Function(`return (${fn})()`)()) !== key,
      {fn: probe.toString(), key},
      {timeout}
    );
  } catch {
    throw new Error(`${message} (still ${key.slice(0, 200)} after ${timeout} ms)`);
  }
  return page.evaluate(probe);
}

/** Fill colours of the cells of the first grid map (GridMap's `g.atlas-cells`), in document order. */
export function gridFills(): string[] {
  const g = document.querySelector("figure.atlas-grid-map g.atlas-cells");
  return g ? Array.from(g.querySelectorAll("path"), (p) => p.getAttribute("fill") ?? "") : [];
}

/** Check that the Download CSV button of the figure matching `figure` saves a CSV with a header and `minRows` rows or more, by keyboard. */
export async function checkCsvDownload(page: Page, figure: string, minRows = 1): Promise<void> {
  const button = page.locator(`${figure} button.atlas-download`).first();
  if ((await button.count()) !== 1) throw new Error(`${figure}: no Download CSV button`);
  await button.focus();
  const [download] = await Promise.all([page.waitForEvent("download", {timeout: 5000}), page.keyboard.press("Enter")]);
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  const lines = Buffer.concat(chunks).toString("utf8").trim().split("\n");
  if (!download.suggestedFilename().endsWith(".csv")) throw new Error(`${figure}: download is ${download.suggestedFilename()}, not a CSV`);
  if (lines.length < minRows + 1) throw new Error(`${figure}: CSV has ${lines.length - 1} rows, expected ${minRows} or more`);
}

/** Downloads a figure's chart as SVG and as PNG and checks each is what it says: an SVG document, a PNG image. */
export async function checkImageDownloads(page: Page, figure: string): Promise<void> {
  const read = async (format: "svg" | "png") => {
    const button = page.locator(`${figure} button.atlas-download[data-format="${format}"]`).first();
    if ((await button.count()) !== 1) throw new Error(`${figure}: no Download ${format.toUpperCase()} button`);
    await button.scrollIntoViewIfNeeded();
    const [download] = await Promise.all([page.waitForEvent("download", {timeout: 15_000}), button.click()]);
    const chunks: Buffer[] = [];
    for await (const c of await download.createReadStream()) chunks.push(c as Buffer);
    return {name: download.suggestedFilename(), bytes: Buffer.concat(chunks)};
  };
  const svg = await read("svg");
  const text = svg.bytes.toString("utf8");
  if (
    !svg.name.endsWith(".svg") ||
    !/^<svg[\s>]/.test(text) ||
    !text.includes('xmlns="http://www.w3.org/2000/svg"') ||
    /var\(--/.test(text)
  )
    throw new Error(`${figure}: the SVG download (${svg.name}) is not a standalone SVG: ${text.slice(0, 120)}`);
  const png = await read("png");
  const signature = png.bytes.subarray(0, 8).toString("hex");
  if (!png.name.endsWith(".png") || signature !== "89504e470d0a1a0a" || png.bytes.length < 1000)
    throw new Error(`${figure}: the PNG download (${png.name}, ${png.bytes.length} bytes) is not a PNG image`);
}
