// Reads a study file (JSON) for the pipeline: parses it with line/column
// errors, validates it with parseStudy, and resolves its input paths relative
// to the study file. Node only.
import {existsSync, readFileSync, statSync} from "node:fs";
import {dirname, isAbsolute, relative, resolve} from "node:path";
import {parseStudy, type Study} from "../../src/lib/params.js";
import {checkProj, EQUAL_AREA_PROJS, isEqualAreaProj, normalizeProj} from "../raster/proj.js";
import {ClaimsFile} from "../../src/lib/claim-spec.js";
import {epochFiles, type EpochSource} from "../raster/mosaic.js";

export interface StudyPaths {
  /** epoch → its land-cover raster (absolute path), or its several files on one grid and the declared fill value */
  landCover: Record<number, EpochSource>;
  boundary: string;
  energy: string;
  river?: {file: string; feature: string};
  claims?: string;
  map: {outline?: string; rivers?: string; places?: string};
  /** the study's generator of reconstructed land cover (inside the study's folder) */
  generate?: string;
}

export interface LoadedStudy {
  /** absolute path of the study file */
  file: string;
  /** its text as read, for content hashes */
  text: string;
  params: Study;
  /** the claims file's content, validated; null when the study reports no claims */
  claims: ClaimsFile | null;
  /** input paths, resolved against the study file's folder */
  paths: StudyPaths;
}

/** Reads, parses and validates a study file; every error names the file. */
export function readStudy(file: string): LoadedStudy {
  const abs = resolve(file);
  let text: string;
  try {
    // A byte-order mark (some Windows editors write one) is not part of the JSON.
    text = readFileSync(abs, "utf8").replace(/^\uFEFF/, "");
  } catch (error) {
    throw new Error(`${file}: cannot read the study file (${(error as Error).message})`, {cause: error});
  }
  const params = parseStudy(parseJson(text, file), file);
  checkGridProj(params, file);
  const dir = dirname(abs);
  const claimsPath = params.inputs.claims ? resolve(dir, params.inputs.claims) : undefined;
  const claims = claimsPath ? readClaims(claimsPath, params) : null;
  const map = Object.fromEntries(Object.entries(params.inputs.map ?? {}).map(([k, v]) => [k, resolve(dir, v)]));
  const landCover: Record<number, EpochSource> = {};
  const fill = params.inputs.landCoverFill ?? null;
  for (const y of params.study.epochs) {
    const given = params.inputs.landCover[String(y)];
    // A declared fill value applies to a single file too (as its NoData); without one a single file is read as it is.
    landCover[y] =
      typeof given === "string" && fill === null
        ? resolve(dir, given)
        : {files: (typeof given === "string" ? [given] : given).map((f) => resolve(dir, f)), fill};
  }
  return {
    file: abs,
    text,
    params,
    claims,
    paths: {
      landCover,
      boundary: resolve(dir, params.inputs.boundary),
      energy: resolve(dir, params.inputs.energy),
      river: params.inputs.river && {file: resolve(dir, params.inputs.river.file), feature: params.inputs.river.feature},
      claims: claimsPath,
      map,
      generate: generatorPath(params, dir, file)
    }
  };
}

/** inputs.generate resolved; it must lie inside the study's folder (the study's own code, not any file on the machine). */
function generatorPath(params: Study, dir: string, file: string): string | undefined {
  if (!params.inputs.generate) return undefined;
  const p = resolve(dir, params.inputs.generate);
  const rel = relative(dir, p);
  if (rel.startsWith("..") || isAbsolute(rel))
    throw new Error(`${file}: inputs.generate: expected a script inside the study's folder ${dir}, got ${params.inputs.generate}`);
  if (!existsSync(p)) throw new Error(`${file}: inputs.generate: expected an existing file, got ${p} (not found)`);
  return p;
}

/** Reads and validates a claims file; every problem names the file and the key, and claims must name the study's epochs. */
function readClaims(path: string, params: Study): ClaimsFile {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new Error(`${path}: cannot read the claims file (inputs.claims: ${(error as Error).message})`, {cause: error});
  }
  const result = ClaimsFile.safeParse(parseJson(text.replace(/^\uFEFF/, ""), path), {reportInput: true});
  if (!result.success)
    throw new Error(result.error.issues.map((i) => `${path}: ${i.path.join(".") || "(top level)"}: ${i.message}`).join("\n"));
  const epochs = new Set(params.study.epochs);
  const problems: string[] = [];
  result.data.claims.forEach((c, i) => {
    for (const k of ["epoch", "from", "to"] as const) {
      const y = (c as Record<string, unknown>)[k];
      if (typeof y === "number" && !epochs.has(y))
        problems.push(`${path}: claims.${i}.${k}: expected an epoch of the study (${[...epochs].join(", ")}), got ${y}`);
    }
  });
  const ids = new Set(result.data.claims.map((c) => c.id));
  for (const id of params.study.reconstruction.calibratedTo)
    if (!ids.has(id)) problems.push(`${path}: study.reconstruction.calibratedTo names ${id}, which is not a claim of this file`);
  if (problems.length) throw new Error(problems.join("\n"));
  return result.data;
}

/** The warning a build and `atlas study` give while the study file still lists placeholders (null when none is left). */
export function placeholderWarning(study: LoadedStudy): string | null {
  const keys = study.params.placeholders;
  if (!keys.length) return null;
  return (
    `${study.file}: placeholders: ${keys.join(", ")} still hold values written by atlas init for you to replace; ` +
    `the site marks every number depending on them "placeholder". Replace them and remove their keys from "placeholders"`
  );
}

/** Throws, naming the study file and key, if an input file does not exist. */
export function checkInputsExist(study: LoadedStudy): void {
  const entries: [string, string][] = [
    ...Object.entries(study.paths.landCover).flatMap(([y, p]) =>
      epochFiles(p).map((f, i, all) => [`inputs.landCover.${y}${all.length > 1 ? `[${i}]` : ""}`, f] as [string, string])
    ),
    ["inputs.boundary", study.paths.boundary],
    ["inputs.energy", study.paths.energy],
    ...(study.paths.claims ? [["inputs.claims", study.paths.claims] as [string, string]] : []),
    ...Object.entries(study.paths.map).map(([k, p]) => [`inputs.map.${k}`, p] as [string, string])
  ];
  const missing = entries
    .filter(([, p]) => !existsSync(p) || !statSync(p).isFile())
    .map(([k, p]) => `${study.file}: ${k}: expected an existing file, got ${p} (${existsSync(p) ? "a directory" : "not found"})`);
  if (missing.length) throw new Error(missing.join("\n"));
}

/**
 * grid.proj must be a projection proj4 can use, and an equal-area one: the
 * fishnet's cells are squares of cellSizesKm in it, and in any other
 * projection (Mercator, UTM) they are not that size on the ground.
 */
function checkGridProj(params: Study, file: string): void {
  const proj = params.grid.proj;
  try {
    checkProj(proj);
  } catch (error) {
    throw new Error(`${file}: grid.proj: expected a PROJ string proj4 can use, got ${JSON.stringify(proj)}: ${(error as Error).message}`, {
      cause: error
    });
  }
  if (!isEqualAreaProj(normalizeProj(proj)))
    throw new Error(
      `${file}: grid.proj: expected an equal-area projection (${EQUAL_AREA_PROJS.join(", ")}; e.g. +proj=aea), got ${JSON.stringify(proj)}: ` +
        `grid cells would not be cellSizesKm wide on the ground`
    );
}

/** JSON.parse with `FILE:LINE:COL: invalid JSON: …` errors. */
export function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message.replace(/, ".*" is not valid JSON$/s, "").replace(/ (in|after) JSON at position \d+.*$/s, "");
    const offset = syntaxErrorOffset(text);
    const before = text.slice(0, offset);
    const line = before.split("\n").length;
    const col = offset - before.lastIndexOf("\n");
    throw new Error(`${file}:${line}:${col}: invalid JSON: ${message}`, {cause: error});
  }
}

/**
 * Offset of the first JSON syntax error, found by a small scanner because
 * V8's messages give a position only for some errors.
 */
function syntaxErrorOffset(s: string): number {
  let i = 0;
  const fail = (): never => {
    throw i;
  };
  const ws = () => {
    while (i < s.length && " \t\n\r".includes(s[i])) i++;
  };
  const word = (w: string) => (s.startsWith(w, i) ? (i += w.length) : fail());
  const number = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
  const string = () => {
    if (s[i] !== '"') fail();
    for (i++; s[i] !== '"'; i++) {
      if (i >= s.length || s.charCodeAt(i) < 0x20) fail();
      if (s[i] === "\\") {
        i++;
        if (s[i] === "u" && /^[0-9a-fA-F]{4}$/.test(s.slice(i + 1, i + 5))) i += 4;
        else if (!'"\\/bfnrt'.includes(s[i] ?? "x")) fail();
      }
    }
    i++;
  };
  const value = (): void => {
    ws();
    const c = s[i];
    if (c === "{") members("}", () => (string(), ws(), s[i] === ":" ? (i++, value()) : fail()));
    else if (c === "[") members("]", value);
    else if (c === '"') string();
    else if (c === "t") word("true");
    else if (c === "f") word("false");
    else if (c === "n") word("null");
    else {
      number.lastIndex = i;
      if (!number.test(s)) fail();
      i = number.lastIndex;
    }
    ws();
  };
  const members = (close: string, item: () => void) => {
    i++;
    ws();
    if (s[i] === close) return void i++;
    for (;;) {
      ws();
      item();
      if (s[i] === ",") i++;
      else if (s[i] === close) return void i++;
      else fail();
    }
  };
  try {
    value();
    if (i < s.length) fail();
  } catch (at) {
    if (typeof at === "number") return Math.min(at, s.length);
    throw at;
  }
  return s.length;
}
