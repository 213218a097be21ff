// The display raster of one epoch (majority class, about 1000 px across): data/landcover-<year>.png.
import {param, printLandCover} from "../../data-loaders/study/loader.js";
await printLandCover(Number(param("year")));
