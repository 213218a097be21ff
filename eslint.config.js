// ESLint (flat config): the recommended rules for TypeScript, run by `npm test`.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {ignores: ["node_modules/", "dist/", "dist-*/", "src/.observablehq/", ".cache/", "test/output/", "test/fixtures/"]},
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", {argsIgnorePattern: "^_", varsIgnorePattern: "^_"}],
      "no-constant-condition": ["error", {checkLoops: false}]
    }
  }
);
