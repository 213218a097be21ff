// The home page: the first page of the study's story, or the generated
// overview for a study without one (data-loaders/site/pages.ts).
import {homePage} from "../data-loaders/site/pages.js";
process.stdout.write(await homePage());
