import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Built from the repo root (`vite build --config renderer/vite.config.ts`), so the root must not depend on the cwd.
const root = import.meta.dirname;

export default defineConfig({
  root,
  // Relative asset URLs let the same build load from file:// in Electron and from the headless host's HTTP server.
  base: './',
  plugins: [react()],
  build: {
    outDir: `${root}/dist`,
    emptyOutDir: true,
    // Two pages from one build: the station's UI (Electron and the headless host) and the hub's fleet view.
    rollupOptions: { input: { index: `${root}/index.html`, fleet: `${root}/fleet.html` } },
    // Inlined data: URIs would need a looser CSP (img-src data:); every asset stays a file.
    assetsInlineLimit: 0,
    // The module preload polyfill is injected as code that a strict CSP does not need: browsers here support it.
    modulePreload: { polyfill: false },
    sourcemap: true,
    target: 'es2022',
  },
});
