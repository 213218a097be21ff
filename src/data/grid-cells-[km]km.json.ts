// The cells of one grid as GeoJSON squares: data/grid-cells-<km>km.json.
import {param, printGridCells} from "../../data-loaders/study/loader.js";
await printGridCells(Number(param("km")));
