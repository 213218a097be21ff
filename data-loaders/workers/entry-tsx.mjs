// Worker threads started from the TypeScript sources: register tsx, then run the entry.
import {register} from "tsx/esm/api";

register();
await import("./entry.ts");
