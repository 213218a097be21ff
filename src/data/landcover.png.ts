// Every epoch's display raster (majority class, about 1000 px across), stacked top to bottom: data/landcover.png.
import {printOutput} from "../../data-loaders/study/loader.js";
await printOutput("landcover.png");
