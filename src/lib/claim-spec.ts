// The claims file of a study (inputs.claims): what the study reports, claim by
// claim, as data: a kind (how it is measured and judged, src/lib/claims.ts),
// the epochs and class it is about, and the reported value. Validated with
// zod, in its own module so that pages reading the ledger do not load zod.
import {z} from "zod";
import {CLASSES} from "./classes.js";
import {CLUSTER_TYPES} from "./moran.js";

const id = z.string().regex(/^[A-Za-z][A-Za-z0-9_-]*$/, {error: "expected an identifier such as C2"});
const text = z.string().trim().min(1);
const epoch = z.number().int();
const base = {id, claim: text};

/** One reported claim, by kind. Numbers are in the units the site uses: km², 10⁴ t C/yr, 10⁸ yuan/yr, %. */
export const ClaimSpec = z.discriminatedUnion("kind", [
  z.strictObject({...base, kind: z.literal("epochs"), reported: z.array(epoch).min(1)}),
  z.strictObject({...base, kind: z.literal("area-change"), class: z.enum(CLASSES), from: epoch, to: epoch, reported: z.number()}),
  z.strictObject({...base, kind: z.literal("net-carbon"), epoch, reported: z.number()}),
  z.strictObject({...base, kind: z.literal("net-positive")}),
  z.strictObject({...base, kind: z.literal("carbon-centre-high")}),
  z.strictObject({...base, kind: z.literal("esv"), epoch, reported: z.number()}),
  /** the fall of ESV from `from` to `to`, % of the first (positive for a decrease) */
  z.strictObject({...base, kind: z.literal("esv-fall-pct"), from: epoch, to: epoch, reported: z.number()}),
  z.strictObject({...base, kind: z.literal("esv-river-high")}),
  z.strictObject({...base, kind: z.literal("moran-negative")}),
  z.strictObject({
    ...base,
    kind: z.literal("lisa-types"),
    reported: z.array(z.enum(CLUSTER_TYPES)).min(1)
  })
]);
export type ClaimSpec = z.infer<typeof ClaimSpec>;

/** A study's claims file. */
export const ClaimsFile = z
  .strictObject({
    /** where the claims come from, e.g. "the study's abstract" */
    source: text,
    claims: z.array(ClaimSpec).min(1)
  })
  .superRefine((f, ctx) => {
    const seen = new Set<string>();
    f.claims.forEach((c, i) => {
      if (seen.has(c.id)) ctx.addIssue({code: "custom", path: ["claims", i, "id"], input: c.id, message: "expected each claim id once"});
      seen.add(c.id);
    });
  });
export type ClaimsFile = z.infer<typeof ClaimsFile>;
