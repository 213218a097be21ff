// Per-page interaction checks: a control must change what the page shows.
import type {Page} from "playwright-core";

export const INTERACTIONS: Record<string, (page: Page) => Promise<void>> = {};
