import {tableToIPC, tableFromArrays} from "apache-arrow";
const t = tableFromArrays({year: Int32Array.from([2000, 2005, 2010]), v: Float64Array.from([1, 2, 3])});
process.stdout.write(tableToIPC(t, "file"));
