// A technical term with its definition on hover or focus (keyboard readers
// reach it with Tab; screen readers get it as the element's description).
// Definitions live in src/lib/glossary.ts; the Methods page lists them all.
import {GLOSSARY, type Term} from "../lib/glossary.js";
import {docOf, type CommonOptions} from "./figure.js";

export function term(name: Term, text: string = name, options: CommonOptions = {}): HTMLElement {
  const document = docOf(options);
  const el = document.createElement("dfn");
  el.className = "atlas-term";
  el.tabIndex = 0;
  el.textContent = text;
  el.dataset.definition = GLOSSARY[name];
  el.setAttribute("aria-description", GLOSSARY[name]);
  el.title = GLOSSARY[name];
  return el;
}

/** The whole glossary as a definition list. */
export function Glossary(options: CommonOptions = {}): HTMLElement {
  const document = docOf(options);
  const dl = document.createElement("dl");
  dl.className = "atlas-glossary";
  for (const [name, definition] of Object.entries(GLOSSARY)) {
    const dt = document.createElement("dt");
    dt.textContent = name;
    const dd = document.createElement("dd");
    dd.textContent = definition;
    dl.append(dt, dd);
  }
  return dl;
}
