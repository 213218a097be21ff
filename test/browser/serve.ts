// A static file server for dist/ on 127.0.0.1, for the browser tests.
// Hand-written (a few lines of node:http) so that the tests need no server
// package; it serves files only, with the MIME types the built site uses.
import {createServer, type Server} from "node:http";
import {readFile, stat} from "node:fs/promises";
import {extname, join, normalize} from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".mjs": "text/javascript",
  ".css": "text/css",
  ".json": "application/json",
  ".arrow": "application/vnd.apache.arrow.file",
  ".csv": "text/csv",
  ".geojson": "application/geo+json",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".wasm": "application/wasm",
  ".txt": "text/plain",
  ".cff": "text/plain"
};

export interface Served {
  origin: string;
  /** bytes of every response body served so far (what a page fetched, aborted streams counted whole) */
  bytes(): number;
  close(): Promise<void>;
}

export async function serve(root: string): Promise<Served> {
  let total = 0;
  const server: Server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      let path = normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, "");
      if (path.endsWith("/")) path += "index.html";
      let file = join(root, path);
      const s = await stat(file).catch(() => null);
      if (s?.isDirectory()) file = join(file, "index.html");
      const body = await readFile(file);
      res.writeHead(200, {"content-type": TYPES[extname(file)] ?? "application/octet-stream", "content-length": body.length});
      total += body.length;
      res.end(body);
    } catch {
      res.writeHead(404, {"content-type": "text/plain"});
      res.end("not found");
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("server did not bind");
  return {
    origin: `http://127.0.0.1:${address.port}`,
    bytes: () => total,
    close: () => new Promise<void>((resolve) => server.close(() => resolve()))
  };
}
