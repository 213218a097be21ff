// The study's parameters, headline numbers, map layers, provenance and claims: data/study.json.
import {printOutput} from "../../data-loaders/study/loader.js";
await printOutput("study.json");
