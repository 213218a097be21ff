// The generated overview (data-loaders/site/overview.md): the headline
// figures of any study, read from its data. It is the home page of a study
// without a story, and the first reference page of one with a story.
import {overviewPage} from "../data-loaders/site/pages.js";
process.stdout.write(overviewPage());
