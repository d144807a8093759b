// GraphiQL for /graphql, built into the console so it works offline (no CDN). Paste a
// bearer token into the headers editor: {"Authorization": "Bearer …"}.
import { createGraphiQLFetcher } from "@graphiql/toolkit";
import { GraphiQL } from "graphiql";
import "graphiql/style.css";
import { createRoot } from "react-dom/client";

const stored = (() => {
  try {
    return sessionStorage.getItem("cluehub.token");
  } catch {
    return null;
  }
})();
const headers = JSON.stringify({ Authorization: `Bearer ${stored ?? "<token from: cluehub token --user … --bureau … --role …>"}` }, null, 2);
const fetcher = createGraphiQLFetcher({ url: "/graphql" });
const root = document.getElementById("graphiql");
if (root) {
  createRoot(root).render(
    <GraphiQL fetcher={fetcher} defaultHeaders={headers} defaultQuery={"{\n  me {\n    name\n    role\n    bureau {\n      name\n    }\n  }\n}\n"} />,
  );
}
