// Lint Cypher statements with Neo4j's own front end (@neo4j-cypher/language-support:
// the parser and semantic analysis that Neo4j's tools use), all in one process.
//
//   node tests/cypher/lint.mjs <folder holding node_modules> < request.json
//
// request.json:
//   {"labels": [...], "relationshipTypes": [...], "versions": ["CYPHER 5"],
//    "statements": [{"id": "...", "query": "...", "parameters": ["rows", ...]}]}
//
// Prints one JSON list: per statement and Cypher version, its diagnostics
// ({severity: "error" | "warning", message, line, column}; lines from 1).
//
// Each statement is linted against a schema that declares its own parameters (so a
// parameter that is used but not declared is an error), ecomap's labels and
// relationship types (an unknown one is a warning), and Neo4j's built-in functions
// and procedures only (the package's registry of a Neo4j server, plugins left out:
// a call to APOC or to a misspelt function is an error).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { resolve } from "node:path";

const folder = process.argv[2];
if (!folder) {
  console.error("usage: node lint.mjs <folder holding node_modules> < request.json");
  process.exit(2);
}
const require = createRequire(resolve(folder, "package.json"));
const { lintCypherQuery, testData } = require("@neo4j-cypher/language-support");

const request = JSON.parse(readFileSync(0, "utf8"));
const builtIn = (registry, keep) =>
  Object.fromEntries(
    Object.entries(registry).map(([version, entries]) => [
      version,
      Object.fromEntries(Object.entries(entries).filter(([, entry]) => keep(entry))),
    ]),
  );
const functions = builtIn(testData.mockSchema.functions, (f) => f.isBuiltIn);
const procedures = builtIn(testData.mockSchema.procedures, (p) => p.name.startsWith("db."));

const SEVERITY = { 1: "error", 2: "warning", 3: "information", 4: "hint" };
const results = [];
for (const statement of request.statements) {
  for (const version of request.versions) {
    const schema = {
      labels: request.labels,
      relationshipTypes: request.relationshipTypes,
      parameters: Object.fromEntries(statement.parameters.map((name) => [name, null])),
      functions,
      procedures,
      defaultLanguage: version,
    };
    // Statements, not Browser scripts: no console commands (:param, :use).
    const { diagnostics } = lintCypherQuery(statement.query, schema, {
      consoleCommandsEnabled: false,
    });
    results.push({
      id: statement.id,
      version,
      diagnostics: diagnostics.map((d) => ({
        severity: SEVERITY[d.severity] ?? String(d.severity),
        message: d.message,
        line: d.range.start.line + 1,
        column: d.range.start.character + 1,
      })),
    });
  }
}
process.stdout.write(JSON.stringify(results));
