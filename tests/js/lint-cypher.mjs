// Neo4j's own Cypher parser and semantic analysis over statements of the query registry.
//
//   node lint-cypher.mjs < request.json
//     request:  {"schema": {"labels": [...], "relationshipTypes": [...]},
//                "statements": [{"id": "...", "text": "..."}, ...]}
//     prints:   {"catalogue": true, "results": [{id, diagnostics: [{severity, message,
//                start, end}]}]}
//
// The statements are linted without a database, so every $param is "not defined": those
// diagnostics are left out (isNotParamError). Functions and procedures are checked
// against the signatures a Neo4j 5 server (with APOC and GDS) reports, as recorded in the
// package's own test data ("catalogue": false when this version has none). Labels and
// relationship types come from the hub's model, so a misspelt one is a warning.
// Severity 1 is an error, 2 a warning, as in the language server protocol.
// Needs `npm ci` in this folder (scripts/setup.sh dev does it).
import { existsSync, readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { isNotParamError, lintCypherQuery } from "@neo4j-cypher/language-support";

const request = JSON.parse(readFileSync(0, "utf8"));
const recorded = new URL(
  "./node_modules/@neo4j-cypher/language-support/dist/esm/project/language-support/src/tests/testData.js",
  import.meta.url,
);
let catalogue = {};
if (existsSync(recorded)) {
  const { testData } = await import(pathToFileURL(recorded.pathname).href);
  catalogue = {
    functions: testData.mockSchema.functions,
    procedures: testData.mockSchema.procedures,
  };
}
const schema = { ...request.schema, ...catalogue };
const results = request.statements.map(({ id, text }) => {
  const { diagnostics } = lintCypherQuery(text, schema);
  return {
    id,
    diagnostics: diagnostics.filter(isNotParamError).map((d) => ({
      severity: d.severity,
      message: d.message,
      start: d.offsets.start,
      end: d.offsets.end,
    })),
  };
});
process.stdout.write(JSON.stringify({ catalogue: "functions" in catalogue, results }));
