// Vite builds the console (index.html) and the offline developer pages (GraphiQL,
// API docs) into the Python package's data directory api/console_dist/, which the hub
// serves at / (api/console.py). Vitest runs the component tests in jsdom.
import { resolve } from "node:path";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

export default defineConfig({
  plugins: [react()],
  base: "/",
  build: {
    outDir: resolve(__dirname, "../api/console_dist"),
    emptyOutDir: true,
    assetsDir: "assets",
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 4000,
    rollupOptions: {
      input: {
        index: resolve(__dirname, "index.html"),
        graphiql: resolve(__dirname, "graphiql.html"),
        docs: resolve(__dirname, "docs.html"),
      },
    },
  },
  server: { proxy: { "/graphql": "http://127.0.0.1:8000" } },
  test: {
    environment: "jsdom",
    setupFiles: ["src/test/setup.ts"],
    include: ["src/**/*.test.{ts,tsx}"],
    css: false,
    testTimeout: 20000,
  },
});
