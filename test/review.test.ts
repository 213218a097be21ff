// The Review page's pieces that need no browser: CITATION.cff agrees with
// package.json and src/lib/citation.ts (what the "Cite this" block shows);
// the ledger, checks and manifest tables and the explorer's form render
// under jsdom and behave (badges, formats, form state, reset).
import {describe, expect, it} from "vitest";
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {CITATION, citationBibtex, citationText} from "../src/lib/citation.js";
import {
  ChecksTable,
  ClaimsLedger,
  ManifestCheck,
  ManifestView,
  formatDifference,
  formatRelative,
  scientific,
  statusBadge
} from "../src/components/review-tables.js";
import {ExplorerControls} from "../src/components/explorer-controls.js";
import {publishedState} from "../src/lib/explorer/state.js";
import {parseStudy} from "../src/lib/params.js";

const ROOT = join(import.meta.dirname, "..");
// @types/jsdom is not installed: import it untyped, typed here by what the tests use
const jsdomModule = "jsdom";
const {JSDOM} = (await import(jsdomModule)) as {JSDOM: new (html: string) => {window: Window & typeof globalThis}};
const doc = () => new JSDOM("<!doctype html><html><body></body></html>").window.document;

describe("CITATION.cff", () => {
  const cff = readFileSync(join(ROOT, "CITATION.cff"), "utf8");
  const field = (name: string) => new RegExp(`^${name}: "?([^"\\n]*)"?$`, "m").exec(cff)?.[1];
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {version: string; license: string};

  it("is CFF 1.2.0 for software, with the package's version and licence", () => {
    expect(field("cff-version")).toBe("1.2.0");
    expect(field("type")).toBe("software");
    expect(field("version")).toBe(pkg.version);
    expect(field("license")).toBe(pkg.license);
  });

  it("says what src/lib/citation.ts says (the page's Cite this block)", () => {
    expect(field("title")).toBe(CITATION.title);
    expect(field("version")).toBe(CITATION.version);
    expect(field("license")).toBe(CITATION.license);
    expect(cff).toContain(`- name: "${CITATION.authors}"`);
    const study = JSON.parse(readFileSync(join(ROOT, "data-loaders/studies/changzhutan/study.json"), "utf8")) as {
      study: {citation: {authors: string}};
    };
    expect(cff).toContain(`- name: "${study.study.citation.authors}"`);
  });

  it("invents no DOI, URL or person", () => {
    expect(cff).not.toMatch(/doi|orcid|family-names|given-names|url:|repository/i);
  });

  it("gives a plain-text and a BibTeX citation", () => {
    expect(citationText({codeVersion: "abc"})).toContain(`version ${CITATION.version}; code version abc`);
    expect(citationBibtex()).toMatch(/^@software\{/);
    expect(citationBibtex()).toContain("\\&");
  });
});

describe("review tables", () => {
  it("formats small figures without hiding them", () => {
    expect(scientific(0)).toBe("0");
    expect(scientific(1e-6)).toBe("10⁻⁶");
    expect(scientific(3.4e-13)).toBe("3.4 × 10⁻¹³");
    expect(scientific(0.5)).toBe("0.50");
    expect(formatDifference(-2.4e-4)).toBe("−2.4 × 10⁻⁴");
    expect(formatDifference(80.93)).toBe("+80.93");
    expect(formatRelative(0.276)).toBe("+27.6 %");
    expect(formatRelative(-1e-7)).toBeNull();
  });

  it("draws the ledger with a badge per status and the note beneath", () => {
    const d = doc();
    const el = ClaimsLedger(
      [
        {
          id: "C2",
          claim: "x",
          reported: -392.77,
          computed: -392.7702,
          difference: -2e-4,
          tolerance: 0.005,
          status: "calibrated",
          note: "calibrated"
        },
        {id: "C11", claim: "y", reported: 5.34, computed: 4.66, difference: -0.68, tolerance: 0.005, status: "inconsistent", note: "n"},
        {
          id: "C8",
          claim: "z",
          reported: "pattern",
          computed: "ρ −0.44",
          difference: null,
          tolerance: null,
          status: "pattern-holds",
          note: ""
        }
      ],
      {document: d, reconstruction: true}
    );
    expect(el.querySelectorAll("tbody.atlas-claim")).toHaveLength(3);
    expect(el.querySelector('[data-claim="C2"] .atlas-badge-calibrated')?.textContent).toContain("calibrated");
    expect(el.querySelector('[data-claim="C11"] .atlas-ledger-difference')?.textContent).toBe("−0.68 (−12.7 %)");
    expect(el.querySelector('[data-claim="C8"] .atlas-ledger-note')).toBeNull();
    expect(el.querySelector("figcaption")?.textContent).toContain("calibrated reconstruction");
    expect(statusBadge("differs", {document: d}).getAttribute("title")).toMatch(/outside the tolerance/);
  });

  it("draws the checks and the manifest with a JSON download", () => {
    const d = doc();
    const checks = ChecksTable([{id: "K1", check: "margins", discrepancy: 2.7e-12, unit: "km²", tolerance: 1e-6, ok: true}], {document: d});
    expect(checks.textContent).toContain("2.7 × 10⁻¹² km²");
    expect(checks.textContent).toContain("passes");
    const m = {
      study_file: "s.json",
      inputs: {"a.tif": "00"},
      parameters_sha256: "11",
      code_version: "22",
      package_version: "0.1.0",
      reconstruction: true,
      outputs: {"b.arrow": "33"}
    };
    const view = ManifestView(m, {document: d});
    const a = view.querySelector<HTMLAnchorElement>("a.atlas-json-download")!;
    expect(a.download).toBe("manifest.json");
    expect(JSON.parse(decodeURIComponent(a.href.slice(a.href.indexOf(",") + 1)))).toEqual(m);
  });
});

describe("manifest check", () => {
  it("hashes each served file and says which match", async () => {
    const d = doc();
    const bytes = (s: string) => async () => new TextEncoder().encode(s).buffer as ArrayBuffer;
    const hash = async (b: ArrayBuffer) => new TextDecoder().decode(b); // stand-in: the "hash" is the text itself
    const el = ManifestCheck(
      {outputs: {"a.arrow": "AAA", "b.arrow": "BBB", "c.png": "CCC"}},
      {"a.arrow": bytes("AAA"), "b.arrow": bytes("XXX")},
      {document: d, hash}
    );
    el.querySelector("button")!.click();
    await new Promise((r) => setTimeout(r, 20));
    expect(el.dataset.same).toBe("1");
    expect(el.dataset.differ).toBe("1");
    expect(el.querySelector(".atlas-manifest-check-status")!.textContent).toBe(
      "1 of 3 served files are byte for byte the ones the manifest describes; 1 differ: the site serves bytes other than those the manifest describes; 1 not checked."
    );
    expect(el.querySelectorAll("tbody tr")).toHaveLength(3);
  });
});

describe("explorer form", () => {
  const study = parseStudy(
    JSON.parse(readFileSync(join(ROOT, "data-loaders", "studies", "changzhutan", "study.json"), "utf8")),
    "study.json"
  );
  const published = publishedState(study, 2, 2020, 199);

  it("emits valid states only, marks changes and resets", () => {
    const d = doc();
    const form = ExplorerControls(study, {document: d, published, cellSizes: [1, 2, 3, 5], epochs: study.study.epochs});
    d.body.append(form);
    let events = 0;
    form.addEventListener("input", (e) => {
      if (e.target === form) events++;
    });
    const forest = form.querySelector<HTMLInputElement>('input[name="c.forest"]')!;
    expect(forest.value).toBe(String(study.carbon.landUse.forest.value));
    forest.value = "-0.581";
    forest.dispatchEvent(new d.defaultView!.Event("input", {bubbles: true}));
    expect(events).toBe(1);
    expect(form.value.landCarbon.forest).toBe(-0.581);
    expect(forest.classList.contains("atlas-explorer-changed")).toBe(true);

    const E = form.querySelector<HTMLInputElement>('input[name="E"]')!;
    E.value = "-5"; // invalid: E must be positive
    E.dispatchEvent(new d.defaultView!.Event("input", {bubbles: true}));
    expect(events).toBe(1);
    expect(E.getAttribute("aria-invalid")).toBe("true");
    expect(form.value.E).toBe(published.E);

    const cultivated = form.querySelector<HTMLSelectElement>('select[name="esv.cultivated"]')!;
    cultivated.value = "paddy";
    cultivated.dispatchEvent(new d.defaultView!.Event("input", {bubbles: true}));
    expect(form.value.rows.cultivated).toBe("paddy");
    expect(form.value.E).toBe(published.E); // still the last valid value
    expect(events).toBe(2);

    form.querySelector<HTMLButtonElement>("button.atlas-explorer-reset")!.click();
    expect(form.value).toEqual(published);
    expect(forest.value).toBe(String(study.carbon.landUse.forest.value));
    expect(E.getAttribute("aria-invalid")).toBe("false");
  });
});
