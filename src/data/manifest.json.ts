// The reproducibility manifest: input, parameter and code hashes, and the sha256 of every output.
import {printManifest} from "../../data-loaders/study/loader.js";
await printManifest();
