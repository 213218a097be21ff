// Arrow tables with their meaning attached: every table the pipeline writes
// carries a description, units per column and provenance in its schema
// metadata, so that the site (and anyone reading the file) can show them.
import {Table, tableFromArrays, tableToIPC, Schema} from "apache-arrow";

export interface TableMeta {
  description: string;
  /** column → unit (omit unitless columns) */
  units: Record<string, string>;
  provenance: Record<string, unknown>;
  reconstruction: boolean;
}

type Column = Float64Array | Int32Array | Int16Array | Uint8Array | string[] | number[] | (number | null)[];

export function tableWithMeta(columns: Record<string, Column>, meta: TableMeta): Table {
  // Plain arrays become nullable columns (null stays null, e.g. the p of a
  // neighborless cell); typed arrays become non-null columns.
  const t = tableFromArrays(columns as Parameters<typeof tableFromArrays>[0]);
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
