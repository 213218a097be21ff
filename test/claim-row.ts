// A row of the claims ledger for tests: every field empty or neutral but those given.
import type {Claim} from "../src/lib/claims.js";

export const claimRow = (over: Partial<Claim>): Claim => ({
  id: "X",
  kind: "net-carbon",
  claim: "",
  reported: 0,
  computed: null,
  difference: null,
  tolerance: null,
  status: "holds",
  note: "",
  about: {},
  ...over
});
