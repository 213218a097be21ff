// A page's controls kept in its address, so that a view can be shared: the
// control starts from the query string (when the value there is one it
// offers) and writes its value back on every change, leaving the rest of the
// query and the #hash alone. Values are compared as strings.

/** The value of `key` in the address, if it is one of `allowed`; else `fallback`. */
export function fromUrl<T>(key: string, allowed: readonly T[], fallback: T, search: string = globalThis.location?.search ?? ""): T {
  const v = new URLSearchParams(search).get(key);
  return allowed.find((a) => String(a) === v) ?? fallback;
}

/** Writes an Inputs control's value into the address under `key` on every input; returns the control. */
export function toUrl<T extends HTMLElement & {value: unknown}>(input: T, key: string): T {
  const write = () => {
    const url = new URL(globalThis.location.href);
    url.searchParams.set(key, String(input.value));
    globalThis.history.replaceState(globalThis.history.state, "", url);
  };
  input.addEventListener("input", write);
  return input;
}
