// Every table's rows, columns, units, description, provenance and size: data/catalog.json.
import {printOutput} from "../../data-loaders/study/loader.js";
await printOutput("catalog.json");
