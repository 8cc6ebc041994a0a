import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

// Code that can reach the browser bundle must not import the database or the
// server process: Remix's classic compiler strips only *.server.ts files, silently.
const serverOnlyImports = {
  patterns: [
    { group: ["**/db/*", "**/db/**", "../db", "../../db"], message: "db/ is server-only: import it from a *.server.ts module.", allowTypeImports: true },
    { group: ["**/server/*", "**/server/**"], message: "app/ never imports server/: services arrive through the load context.", allowTypeImports: true },
  ],
};

export default tseslint.config(
  { ignores: ["build/", "public/build/", "node_modules/", "data/", ".cache/", "bench/results/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
    },
  },
  {
    files: ["app/**/*.{ts,tsx}"],
    ignores: ["app/**/*.server.ts", "app/**/*.server.tsx"],
    rules: { "@typescript-eslint/no-restricted-imports": ["error", serverOnlyImports] },
  },
  {
    // Yjs's own encoding carries edits still waiting for others; the hub must not hand those out (decision 0009).
    files: ["server/collab/**/*.ts"],
    ignores: ["server/collab/pending-structs.ts"],
    rules: {
      "no-restricted-properties": [
        "error",
        { object: "Y", property: "encodeStateAsUpdate", message: "Use CollabDocument.stateAsUpdate() or encodeIntegratedState (pending-structs.ts)." },
      ],
    },
  },
  {
    files: ["app/**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "warn",
    },
  },
);
