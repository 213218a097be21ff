// One table of the study (docs/data-tables.md), by name: data/<table>.arrow.
import {param, printTable} from "../../data-loaders/study/loader.js";
await printTable(param("table"));
