// Worker threads start as plain Node: register tsx so the TypeScript worker loads.
import {register} from "tsx/esm/api";

register();
await import("./demo-worker.ts");
