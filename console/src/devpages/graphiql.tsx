// GraphiQL for /graphql, built into the console so it works offline (no CDN). Paste a
// bearer token into the headers editor: {"Authorization": "Bearer …"}.
import "../app/nonce";
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
const headers = stored
  ? ""
  : JSON.stringify({ Authorization: "Bearer <token from: cluehub token --user … --bureau … --role …>" }, null, 2);
// A token this tab's console holds is sent by the fetcher itself; else paste one above.
const fetcher = createGraphiQLFetcher({ url: "/graphql", headers: stored ? { Authorization: `Bearer ${stored}` } : {} });
const root = document.getElementById("graphiql");
if (root) {
  createRoot(root).render(
    <GraphiQL fetcher={fetcher} defaultHeaders={headers} defaultQuery={"{\n  me {\n    name\n    role\n    bureau {\n      name\n    }\n  }\n}\n"} />,
  );
}
