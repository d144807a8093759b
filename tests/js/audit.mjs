// Runs graphql-http's server audit (GraphQL over HTTP spec) against a running hub.
//
//   node audit.mjs URL            (env CLUEHUB_TOKEN: bearer token; NODE_PATH-like
//                                  GRAPHQL_HTTP_DIR: the node_modules holding graphql-http)
//
// Prints one JSON array: [{id, name, status: ok|notice|warn|error, reason}]. Every
// request carries the bearer token, through the fetchFn option of auditServer.
import { pathToFileURL } from "node:url";
import path from "node:path";

const [url] = process.argv.slice(2);
const token = process.env.CLUEHUB_TOKEN;
const modules = process.env.GRAPHQL_HTTP_DIR;
if (!url || !token || !modules) {
  console.error("usage: CLUEHUB_TOKEN=… GRAPHQL_HTTP_DIR=…/node_modules node audit.mjs URL");
  process.exit(2);
}
const entry = path.join(modules, "graphql-http", "lib", "index.mjs");
const { auditServer } = await import(pathToFileURL(entry).href);

function authedFetch(input, init = {}) {
  const headers = new Headers(init.headers || {});
  headers.set("authorization", `Bearer ${token}`);
  return fetch(input, { ...init, headers });
}

const results = await auditServer({ url, fetchFn: authedFetch });
const out = [];
for (const result of results) {
  let reason = result.reason ?? null;
  if (result.status !== "ok" && result.response) {
    const body = await result.response.text().catch(() => "");
    reason = `${reason} (HTTP ${result.response.status}: ${body.slice(0, 200)})`;
  }
  out.push({ id: result.id, name: result.name, status: result.status, reason });
}
console.log(JSON.stringify(out));
