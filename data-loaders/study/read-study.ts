// Reads a study file (JSON) for the pipeline: parses it with line/column
// errors, validates it with parseStudy, and resolves its input paths relative
// to the study file. Node only.
import {existsSync, readFileSync, statSync} from "node:fs";
import {dirname, resolve} from "node:path";
import {parseStudy, type Study} from "../../src/lib/params.js";
import {checkProj, EQUAL_AREA_PROJS, isEqualAreaProj, normalizeProj} from "../raster/proj.js";

export interface StudyPaths {
  /** epoch → absolute path of its land-cover raster */
  landCover: Record<number, string>;
  boundary: string;
  energy: string;
  river?: {file: string; feature: string};
}

export interface LoadedStudy {
  /** absolute path of the study file */
  file: string;
  /** its text as read, for content hashes */
  text: string;
  params: Study;
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
  const landCover: Record<number, string> = {};
  for (const y of params.study.epochs) landCover[y] = resolve(dir, params.inputs.landCover[String(y)]);
  return {
    file: abs,
    text,
    params,
    paths: {
      landCover,
      boundary: resolve(dir, params.inputs.boundary),
      energy: resolve(dir, params.inputs.energy),
      river: params.inputs.river && {file: resolve(dir, params.inputs.river.file), feature: params.inputs.river.feature}
    }
  };
}

/** Throws, naming the study file and key, if an input file does not exist. */
export function checkInputsExist(study: LoadedStudy): void {
  const entries: [string, string][] = [
    ...Object.entries(study.paths.landCover).map(([y, p]) => [`inputs.landCover.${y}`, p] as [string, string]),
    ["inputs.boundary", study.paths.boundary],
    ["inputs.energy", study.paths.energy]
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
