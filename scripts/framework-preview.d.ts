// Framework's preview server, started in-process by scripts/dev.ts (the package ships no types for it).
declare module "@observablehq/framework/dist/preview.js" {
  import type {Server} from "node:http";
  export function preview(options: {hostname?: string; port?: number; open?: boolean; verbose?: boolean}): Promise<{server: Server}>;
}
