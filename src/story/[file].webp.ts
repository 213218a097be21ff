// An image of the study's story (a .webp file beside its pages), served at /story/<file>.webp.
import {param} from "../../data-loaders/study/loader.js";
import {storyAsset} from "../../data-loaders/site/pages.js";
process.stdout.write(storyAsset(`${param("file")}.webp`));
