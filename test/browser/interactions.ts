// Per-page interaction checks: a control must change what the page shows.
// Each module in ./interactions/ exports `path` (e.g. "/land-use.html") and
// `check(page)`, which throws (with a message) when the page fails.
import {readdirSync} from "node:fs";
import {join} from "node:path";
import type {Page} from "playwright-core";

export type Interaction = (page: Page) => Promise<void>;

const dir = join(import.meta.dirname, "interactions");
export const INTERACTIONS: Record<string, Interaction> = {};
for (const f of readdirSync(dir)
  .filter((f) => f.endsWith(".ts"))
  .sort()) {
  const mod = (await import(join(dir, f))) as {path: string; check: Interaction};
  if (INTERACTIONS[mod.path]) throw new Error(`two interaction modules for ${mod.path}`);
  INTERACTIONS[mod.path] = mod.check;
}
