// The study parameters: one JSON file that authors edit, validated here.
// Pure TypeScript (zod only) so that loaders and pages share one schema.
// Values and their citations live in the study file, not in this code.
import {z} from "zod";
import {CLASSES, type LandClass} from "./classes.js";
import {CLCD_TO_CLASS, LEGENDS, legendById} from "./legends.js";
import {XIE_2015, type EquivalentFactorTable} from "./esv-factors.js";
import {COEFFICIENT_UNITS} from "./units.js";

const text = z.string().trim().min(1);
const key = z.string().regex(/^[a-z][a-z0-9_]*$/, {error: "expected a lower_snake_case key"});

/**
 * A unit, written in any accepted spelling; the canonical spelling (the key)
 * is returned, so downstream code compares against one string per unit.
 */
function unit(spellings: Record<string, string[]>) {
  const canonical = new Map<string, string>();
  for (const [c, alt] of Object.entries(spellings)) for (const s of [c, ...alt]) canonical.set(s, c);
  return z.enum([...canonical.keys()] as [string, ...string[]]).transform((s) => canonical.get(s)!);
}

/** A coefficient carries its value, its unit and where it came from. */
function coefficient(units: z.ZodType<string, string>, value: z.ZodNumber = z.number()) {
  return z.strictObject({value, unit: units, source: text, note: z.string().optional()});
}
export type Coefficient = {value: number; unit: string; source: string; note?: string};

const UNITS = Object.fromEntries(Object.entries(COEFFICIENT_UNITS).map(([k, spellings]) => [k, unit(spellings)])) as Record<
  keyof typeof COEFFICIENT_UNITS,
  ReturnType<typeof unit>
>;

const positive = () => z.number().gt(0);

function increasing(label: string) {
  return (a: number[], ctx: z.RefinementCtx) => {
    for (let i = 1; i < a.length; i++)
      if (!(a[i] > a[i - 1]))
        ctx.addIssue({code: "custom", path: [i], input: a[i], message: `expected ${label} in increasing order (> ${a[i - 1]})`});
  };
}

const factorTable = z
  .strictObject({
    source: text,
    services: z.array(key).min(1),
    rows: z.record(key, z.array(z.number()))
  })
  .superRefine((t, ctx) => {
    const seen = new Set<string>();
    t.services.forEach((s, i) => {
      if (seen.has(s)) ctx.addIssue({code: "custom", path: ["services", i], input: s, message: "expected each service once"});
      seen.add(s);
    });
    for (const [row, values] of Object.entries(t.rows))
      if (values.length !== t.services.length)
        ctx.addIssue({
          code: "custom",
          path: ["rows", row],
          input: values,
          message: `expected ${t.services.length} factors (one per service)`
        });
  });

/** Weights of factor-table rows for one class; {} means the class has no value (construction land). */
const rowWeights = z.record(key, z.number().gte(0));

const classRows = z.strictObject(Object.fromEntries(CLASSES.map((c) => [c, rowWeights])) as Record<LandClass, typeof rowWeights>);

const standardValue = z.discriminatedUnion("method", [
  z.strictObject({method: z.literal("direct"), value: coefficient(UNITS.equivalent, positive())}),
  z.strictObject({
    method: z.literal("grain"),
    grainYield: coefficient(UNITS.grainYield, positive()),
    grainPrice: coefficient(UNITS.grainPrice, positive())
  })
]);

const esv = z
  .strictObject({
    equivalentFactors: factorTable.optional(),
    classRows,
    note: z.string().optional(),
    standardValue
  })
  .superRefine((e, ctx) => {
    const table = e.equivalentFactors ?? XIE_2015;
    for (const c of CLASSES) {
      const weights = e.classRows[c];
      for (const row of Object.keys(weights))
        if (!(row in table.rows))
          ctx.addIssue({
            code: "custom",
            path: ["classRows", c, row],
            input: row,
            message: `expected a row of the equivalent-factor table (${Object.keys(table.rows).join(", ")})`
          });
      const values = Object.values(weights);
      const sum = values.reduce((a, b) => a + b, 0);
      if (values.length > 0 && Math.abs(sum - 1) > 1e-6)
        ctx.addIssue({
          code: "custom",
          path: ["classRows", c],
          input: sum,
          message: "expected row weights summing to 1 (or {} for no value)"
        });
    }
  })
  .transform((e) => ({...e, equivalentFactors: e.equivalentFactors ?? (structuredClone(XIE_2015) as EquivalentFactorTable)}));

const fuel = z.strictObject({
  label: text,
  standardCoal: coefficient(UNITS.fuelCoal, positive()),
  carbon: coefficient(UNITS.carbonPerCoal, positive())
});

const electricity = z.discriminatedUnion("treatment", [
  z.strictObject({treatment: z.literal("exclude"), note: z.string().optional()}),
  z.strictObject({
    treatment: z.literal("include"),
    standardCoal: coefficient(UNITS.electricityCoal, positive()),
    carbon: coefficient(UNITS.carbonPerCoal, positive()),
    note: z.string().optional()
  })
]);

const landCoef = coefficient(UNITS.landCarbon);

/** The value a reclassification table gives a code whose class the author must still choose: it stops the run. */
export const UNMAPPED = "TODO";

/** Pages a note can concern, and the quantities whose headline figures it qualifies. */
export const NOTE_PAGES = ["overview", "land-use", "carbon", "esv", "coupling", "methods", "data", "review"] as const;
export const NOTE_QUANTITIES = ["areas", "change", "carbon", "esv", "coupling"] as const;

/**
 * Study-file values an author must replace (atlas init writes them as
 * placeholders): every number depending on one is marked on the site until
 * the key is removed from this list.
 */
export const PLACEHOLDER_KEYS = ["inputs.energy", "esv.standardValue", "carbon.landUse", "carbon.energy.fuels"] as const;

const note = z.strictObject({
  severity: z.enum(["info", "caution", "warning"]),
  text,
  /** pages (shown once at the top) and quantities (shown beside their headline figures) */
  concerns: z.array(z.enum([...NOTE_PAGES, ...NOTE_QUANTITIES])).min(1)
});

/** The land-cover product: an id of src/lib/legends.ts (its name, legend and citation come from there) or any product with its citation. */
const landCoverProduct = z
  .strictObject({product: text, name: text.optional(), citation: text.optional(), doi: text.optional()})
  .superRefine((l, ctx) => {
    if (!legendById(l.product) && !l.citation)
      ctx.addIssue({
        code: "custom",
        path: ["citation"],
        input: undefined,
        message: `expected the citation of a product that is not one of ${LEGENDS.map((g) => g.id).join(", ")}`
      });
  });

export const StudySchema = z
  .strictObject({
    study: z.strictObject({
      title: text,
      /** the site's name in its header and browser tab; default the title */
      shortTitle: text.optional(),
      region: text,
      /** the study's own publication, for "cite this" (the site's citation is built from it) */
      citation: z
        .strictObject({
          authors: text,
          title: text,
          /** journal, volume, pages, or any other place of publication */
          published: text.optional(),
          year: z.number().int().gte(1900).lte(2100).optional(),
          doi: text.optional(),
          url: text.optional(),
          note: text.optional()
        })
        .optional(),
      epochs: z.array(z.number().int().gte(1900).lte(2100)).min(2).superRefine(increasing("epochs")),
      /** the land-cover product the rasters are (its codes are the reclassification table's keys) */
      landCover: landCoverProduct.optional(),
      /** the author's caveats: each shown on the pages and beside the figures it concerns */
      notes: z.array(note).default([]),
      reconstruction: z
        .strictObject({
          reconstructed: z.boolean(),
          note: z.string(),
          /** ids of the claims (inputs.claims) the reconstruction was calibrated to: the ledger never counts them as confirmation */
          calibratedTo: z.array(z.string().regex(/^[A-Za-z][A-Za-z0-9_-]*$/, {error: "expected a claim id such as C2"})).default([])
        })
        .superRefine((r, ctx) => {
          if (r.reconstructed && !r.note.trim())
            ctx.addIssue({code: "custom", path: ["note"], input: r.note, message: "expected a note saying what was reconstructed"});
        })
    }),
    inputs: z.strictObject({
      /** one raster per epoch, or several on one grid (tiles, district clips) read as one mosaic */
      landCover: z.record(z.string().regex(/^\d{4}$/, {error: "expected an epoch year as key"}), z.union([text, z.array(text).min(1)])),
      /** the value meaning "no data" in every land-cover file, whether or not a file tags it (clips are often 0 outside) */
      landCoverFill: z.number().int().gte(0).lte(255).optional(),
      boundary: text,
      energy: text,
      /** The main river (GeoJSON lines; `feature` is its name property), for the "ESV high along the river" pattern (C12). */
      river: z.strictObject({file: text, feature: text}).optional(),
      /** What the study reports, to be checked (src/lib/claims.ts ClaimsFile); without it the site has no claims ledger. */
      claims: text.optional(),
      /** The folder of the study's story pages (Markdown, docs/authoring.md); default: story/ beside the study file, when it exists. */
      story: text.optional(),
      /**
       * Map layers drawn for orientation only (GeoJSON, WGS84): an outer outline
       * (default: the boundary's), river lines, and named places (points with a
       * `name` property). Only these files, and only the properties the maps use,
       * are published.
       */
      map: z.strictObject({outline: text.optional(), rivers: text.optional(), places: text.optional()}).optional(),
      /**
       * A generator of reconstructed land cover (a TypeScript file in the study's
       * folder, run as `node --import tsx FILE OUTDIR`): the land-cover rasters are
       * then its output, written into the pipeline's .cache/ whenever missing or stale.
       */
      generate: text
        .regex(/\.ts$/, {error: "expected the path of the study's generator script (a .ts file beside the study file)"})
        .optional()
    }),
    reclassification: z
      .strictObject({
        source: text,
        // The engine reads 8-bit class rasters: a code above 255 can never match a pixel.
        table: z
          .record(
            z
              .string()
              .regex(/^\d+$/, {error: "expected a non-negative integer code as key"})
              .refine((k) => Number(k) <= 255, {error: "expected a class code 0..255 (land-cover rasters are 8-bit)"}),
            z.enum([...CLASSES, UNMAPPED])
          )
          .refine((t) => Object.keys(t).length > 0, {error: "expected at least one code → class entry"})
      })
      .default(() => ({
        source: "CLCD codes → study classes, CLCD's default mapping in src/lib/legends.ts",
        table: Object.fromEntries(Object.entries(CLCD_TO_CLASS).map(([k, v]) => [String(k), v]))
      })),
    carbon: z.strictObject({
      // Construction land has no area coefficient: its emissions come from energy.
      landUse: z.strictObject({cultivated: landCoef, forest: landCoef, grassland: landCoef, water: landCoef, unused: landCoef}),
      energy: z.strictObject({
        note: z.string().optional(),
        fuels: z
          .record(
            key.refine((k) => k !== "electricity", {error: "expected a fuel key other than electricity (see carbon.energy.electricity)"}),
            fuel
          )
          .refine((f) => Object.keys(f).length > 0, {error: "expected at least one fuel"}),
        electricity
      })
    }),
    esv,
    grid: z
      .strictObject({
        cellSizesKm: z.array(positive()).min(1).superRefine(increasing("cell sizes")),
        defaultCellKm: positive(),
        minInsideShare: z.number().gt(0).lte(1),
        proj: z.string().regex(/^\s*\+proj=\S/, {error: "expected a PROJ string (+proj=…)"})
      })
      .superRefine((g, ctx) => {
        if (!g.cellSizesKm.includes(g.defaultCellKm))
          ctx.addIssue({
            code: "custom",
            path: ["defaultCellKm"],
            input: g.defaultCellKm,
            message: `expected one of cellSizesKm (${g.cellSizesKm.join(", ")})`
          });
      }),
    /** keys whose values are placeholders written by atlas init (PLACEHOLDER_KEYS) */
    placeholders: z.array(z.enum(PLACEHOLDER_KEYS)).default([]),
    spatial: z.strictObject({
      weights: z.enum(["queen", "rook"]),
      // More permutations than this buy no precision a study reports and cost minutes per grid.
      permutations: z.number().int().gte(99).lte(99_999),
      seed: z
        .number()
        .int()
        .gte(0)
        .lte(2 ** 32 - 1),
      alpha: z.number().gt(0).lt(1),
      correction: z.enum(["none", "bonferroni", "fdr"]),
      globalNull: z.enum(["pairs", "y"])
    })
  })
  .superRefine((s, ctx) => {
    // One land-cover raster per epoch, no more, no less.
    const years = new Set(s.study.epochs.map(String));
    for (const y of years)
      if (!(y in s.inputs.landCover))
        ctx.addIssue({
          code: "custom",
          path: ["inputs", "landCover", y],
          input: undefined,
          message: "expected a raster path for this epoch"
        });
    for (const y of Object.keys(s.inputs.landCover))
      if (!years.has(y))
        ctx.addIssue({
          code: "custom",
          path: ["inputs", "landCover", y],
          input: y,
          message: `expected only epochs of study.epochs (${[...years].join(", ")})`
        });
  });

/** @internal The study file as written, before defaults (for tests that build study files). */
export type StudyInput = z.input<typeof StudySchema>;
export type Study = z.output<typeof StudySchema>;

/** Thrown by parseStudy; `problems` holds one line per problem. */
export class StudyError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join("\n"));
    this.name = "StudyError";
  }
}

/** Validates a parsed study object; throws StudyError listing every problem as `FILE: key.path: expected …, got …`. */
export function parseStudy(obj: unknown, fileName: string): Study {
  const result = StudySchema.safeParse(obj, {reportInput: true});
  if (result.success) return result.data;
  throw new StudyError(result.error.issues.flatMap((issue) => describeIssue(issue).map((line) => `${fileName}: ${line}`)));
}

function formatPath(path: PropertyKey[]): string {
  let out = "";
  for (const p of path) out += typeof p === "number" ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out || "(top level)";
}

function describeValue(v: unknown): string {
  if (v === undefined) return "nothing";
  if (v === null) return "null";
  if (typeof v === "string") return JSON.stringify(v.length > 60 ? v.slice(0, 57) + "..." : v);
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (Array.isArray(v)) return `an array of ${v.length}`;
  return "an object";
}

const TYPE_NAMES: Record<string, string> = {
  number: "a number",
  int: "an integer",
  string: "a string",
  boolean: "true or false",
  object: "an object",
  record: "an object",
  array: "an array"
};

function bound(issue: {origin?: string; inclusive?: boolean}, cmp: "≥" | "≤", value: unknown): string {
  const op = issue.inclusive ? cmp : cmp === "≥" ? ">" : "<";
  if (issue.origin === "array") return `${cmp === "≥" ? "at least" : "at most"} ${value} items`;
  if (issue.origin === "string") return cmp === "≥" && value === 1 ? "a non-empty string" : `a string of length ${op} ${value}`;
  return `a number ${op} ${value}`;
}

/** One zod issue → lines of the form `key.path: expected …, got …`. */
function describeIssue(issue: z.core.$ZodIssue): string[] {
  const path = formatPath(issue.path);
  const input = (issue as {input?: unknown}).input;
  const got = describeValue(input);
  switch (issue.code) {
    case "invalid_type":
      return [`${path}: expected ${TYPE_NAMES[issue.expected] ?? issue.expected}, got ${input === undefined ? "nothing (missing)" : got}`];
    case "too_small":
      return [`${path}: expected ${bound(issue, "≥", issue.minimum)}, got ${Array.isArray(input) ? `${input.length} items` : got}`];
    case "too_big":
      return [`${path}: expected ${bound(issue, "≤", issue.maximum)}, got ${Array.isArray(input) ? `${input.length} items` : got}`];
    case "invalid_value":
      return [`${path}: expected one of ${issue.values.map((v) => JSON.stringify(v)).join(" | ")}, got ${got}`];
    case "unrecognized_keys":
      return issue.keys.map(
        (k) =>
          `${formatPath([...issue.path, k])}: expected no such key (unknown here; a typo?), got ${describeValue((input as Record<string, unknown>)?.[k])}`
      );
    case "invalid_union": {
      const d = (issue as {discriminator?: string; options?: unknown[]}).discriminator;
      if (d) {
        const options = ((issue as {options?: unknown[]}).options ?? []).map((o) => JSON.stringify(o)).join(" | ");
        return [`${path}: expected one of ${options}, got ${describeValue((input as Record<string, unknown>)?.[d])}`];
      }
      return [`${path}: expected one of the allowed forms, got ${got}`];
    }
    case "invalid_key":
      return issue.issues.map(
        (inner) => `${path}: ${messageOf(inner.message)}, got key ${describeValue((inner as {input?: unknown}).input)}`
      );
    case "invalid_element":
      return [`${path}: expected a valid entry, got ${got}`];
    default:
      return [`${path}: ${messageOf(issue.message)}, got ${got}`];
  }
}

// Custom messages in this file start with "expected"; zod's own do not.
function messageOf(message: string): string {
  return message.startsWith("expected") ? message : `expected ${message}`;
}
