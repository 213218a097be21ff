// Arrow tables with their meaning attached: every table the pipeline writes
// carries a description, units per column and provenance in its schema
// metadata, so that the site (and anyone reading the file) can show them.
import {Float64, Table, Utf8, makeVector, tableToIPC, vectorFromArray, Schema, type Vector} from "apache-arrow";

export interface TableMeta {
  description: string;
  /** column → unit (omit unitless columns) */
  units: Record<string, string>;
  provenance: Record<string, unknown>;
  reconstruction: boolean;
}

type Column = Float64Array | Float32Array | Int32Array | Int16Array | Uint8Array | Uint32Array | string[] | number[] | (number | null)[];

export function tableWithMeta(columns: Record<string, Column>, meta: TableMeta): Table {
  // Typed arrays become non-null columns; plain arrays nullable ones (null
  // stays null, e.g. the p of a neighborless cell). Strings are plain Utf8, not
  // dictionaries: apache-arrow numbers dictionaries from a process-wide
  // counter, so a table's bytes would depend on what else the process built.
  const vectors: Record<string, Vector> = {};
  for (const [k, v] of Object.entries(columns)) {
    if (ArrayBuffer.isView(v)) vectors[k] = makeVector(v);
    else if ((v as unknown[]).some((x) => typeof x === "string")) vectors[k] = vectorFromArray(v as (string | null)[], new Utf8());
    else vectors[k] = vectorFromArray(v as (number | null)[], new Float64());
  }
  const t = new Table(vectors);
  const metadata = new Map<string, string>([
    ["description", meta.description],
    ["units", JSON.stringify(meta.units)],
    ["provenance", JSON.stringify(meta.provenance)],
    ["reconstruction", String(meta.reconstruction)]
  ]);
  return new Table(new Schema(t.schema.fields, metadata), t.batches);
}

/**
 * IPC stream format: DuckDB-Wasm reads it as a table (it does not read the
 * file format), and Framework's FileAttachment.arrow() reads both.
 */
export function toIPC(table: Table): Uint8Array {
  return tableToIPC(table, "stream");
}
