// An image of the study's story (a .jpg file beside its pages), served at /story/<file>.jpg.
import {param} from "../../data-loaders/study/loader.js";
import {storyAsset} from "../../data-loaders/site/pages.js";
process.stdout.write(storyAsset(`${param("file")}.jpg`));
