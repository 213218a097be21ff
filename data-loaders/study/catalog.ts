// catalog.json: what the Data page lists for each table (rows, columns and
// their Arrow types and units, description, provenance, file size), so that
// the page need not fetch every table to describe it: the tables themselves
// load only when a reader downloads one or opens the SQL console.
import {tableFromIPC} from "apache-arrow";
import type {StudyRun} from "./run-study.js";
import {buildTable, TABLE_NAMES} from "./tables.js";
import {toIPC} from "./arrow.js";

export function catalog(run: StudyRun): object {
  return {
    tables: TABLE_NAMES.map((name) => {
      const bytes = toIPC(buildTable(run, name));
      // Read back from the bytes served, so that the types listed are those a reader gets.
      const t = tableFromIPC(bytes);
      const meta = t.schema.metadata;
      return {
        name,
        file: `${name}.arrow`,
        sql: name.replace(/-/g, "_"),
        rows: t.numRows,
        bytes: bytes.byteLength,
        fields: t.schema.fields.map((f) => ({name: f.name, type: String(f.type)})),
        description: meta.get("description") ?? "",
        units: JSON.parse(meta.get("units") ?? "{}"),
        provenance: JSON.parse(meta.get("provenance") ?? "null"),
        reconstruction: meta.get("reconstruction") === "true"
      };
    })
  };
}
