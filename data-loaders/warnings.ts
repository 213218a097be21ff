// Each warning printed once per process. The same check runs in each pass
// that opens the study's rasters (land use, its parts, the display rasters),
// and each pass says what it found; a reader needs it said once. Installed by
// the entry points (the CLI and Framework's loaders) over stderr, where every
// warning is written as a line starting "warning: ", so that the passes
// themselves stay as they are. The JSON results list each warning once already.
export function printEachWarningOnce(stream: NodeJS.WriteStream = process.stderr): void {
  const printed = new Set<string>();
  const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
  stream.write = ((chunk: unknown, ...rest: unknown[]) => {
    const text = typeof chunk === "string" ? chunk : chunk instanceof Uint8Array ? Buffer.from(chunk).toString("utf8") : "";
    if (text.startsWith("warning: ")) {
      if (printed.has(text)) {
        const done = rest.find((r) => typeof r === "function") as (() => void) | undefined;
        done?.();
        return true;
      }
      printed.add(text);
    }
    return write(chunk, ...rest);
  }) as typeof stream.write;
}
