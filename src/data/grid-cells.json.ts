// The cells of every grid as GeoJSON polygons (WGS84), for download: data/grid-cells.json.
import {printOutput} from "../../data-loaders/study/loader.js";
await printOutput("grid-cells.json");
