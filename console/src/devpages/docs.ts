// The REST API's docs (Swagger UI) for /docs, from the npm package, served by the hub
// itself (no CDN), reading /openapi.json.
import "../app/nonce";
import SwaggerUI from "swagger-ui-dist/swagger-ui-es-bundle.js";
import "swagger-ui-dist/swagger-ui.css";

SwaggerUI({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
