// The story's pages after the first, one per --page (observablehq.config.ts lists them).
import {param} from "../../data-loaders/study/loader.js";
import {storyPage} from "../../data-loaders/site/pages.js";
process.stdout.write(await storyPage(param("page")));
