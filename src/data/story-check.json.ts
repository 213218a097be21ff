// The number check of the study's story: every number typed in its pages and
// the published value it matched, or none (the Review page lists them).
import {storyCheck} from "../../data-loaders/site/pages.js";
process.stdout.write(JSON.stringify(await storyCheck()));
