// Types for the modules of Framework that scripts/ call directly (the package ships no types for them).
// Framework's preview server, started in-process by scripts/dev.ts.
declare module "@observablehq/framework/dist/preview.js" {
  import type {Server} from "node:http";
  export function preview(options: {hostname?: string; port?: number; open?: boolean; verbose?: boolean}): Promise<{server: Server}>;
}

// Framework's bundler for the pages' imports of node_modules (src/.observablehq/cache/_node), called by scripts/prepare-offline.ts.
declare module "@observablehq/framework/dist/node.js" {
  /** Bundles `spec` (and what it imports) into root/.observablehq/cache/_node unless there; resolves to its served path. */
  export function resolveNodeImport(root: string, spec: string): Promise<string>;
}
