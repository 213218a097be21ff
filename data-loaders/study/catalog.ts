// catalog.json: what the Data page lists for each table (rows, columns and
// their Arrow types and units, description, provenance, file size), so that
// the page need not fetch every table to describe it: the tables themselves
// load only when a reader downloads one or opens the SQL console.
import {tableFromIPC} from "apache-arrow";
import {TABLE_NAMES} from "./tables.js";

/** The catalog of the served tables, given each one's bytes as served (`${name}.arrow`). */
export async function catalog(served: (file: string) => Promise<Uint8Array>): Promise<object> {
  return {
    tables: await Promise.all(
      TABLE_NAMES.map(async (name) => {
        const bytes = await served(`${name}.arrow`);
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
    )
  };
}
