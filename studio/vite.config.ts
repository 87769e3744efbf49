import { sveltekit } from "@sveltejs/kit/vite";
import { defineConfig } from "vite";

// `vite dev` serves the studio alone: /api goes to a running engine (`pnpm temper serve`).
const api = process.env.TEMPER_API_URL ?? "http://127.0.0.1:3000";

export default defineConfig({
  plugins: [sveltekit()],
  server: { host: "127.0.0.1", port: 5173, proxy: { "/api": { target: api, changeOrigin: true } } },
});
