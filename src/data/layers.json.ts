// The map layers (boundary, outline, rivers, places), simplified for display: data/layers.json.
import {printOutput} from "../../data-loaders/study/loader.js";
await printOutput("layers.json");
