// An image of the study's story (a .png file beside its pages), served at /story/<file>.png.
import {param} from "../../data-loaders/study/loader.js";
import {storyAsset} from "../../data-loaders/site/pages.js";
process.stdout.write(storyAsset(`${param("file")}.png`));
