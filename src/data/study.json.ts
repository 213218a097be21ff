// The study's parameters, headline numbers, provenance and calibration.
import {printMeta} from "../../data-loaders/study/loader.js";
await printMeta();
