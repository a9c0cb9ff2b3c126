// MapLibre 6's worker cannot be bundled reliably (see ARCHITECTURE.md); ship it as a static file.
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';

const src = 'node_modules/maplibre-gl/dist/maplibre-gl-worker.mjs';
if (existsSync(src)) {
  mkdirSync('public', { recursive: true });
  copyFileSync(src, 'public/maplibre-gl-worker.mjs');
}
