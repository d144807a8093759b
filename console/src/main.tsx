// Entry: the console's providers and router. The CSP nonce comes from a meta tag the hub
// fills per response, so Ant Design's runtime styles pass `style-src 'nonce-…'`.
import { nonce } from "./app/nonce";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { BrowserRouter } from "react-router";
import { App } from "./app/App";
import "./app/app.css";

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <StrictMode>
      <BrowserRouter>
        <App nonce={nonce} />
      </BrowserRouter>
    </StrictMode>,
  );
}
