// Vite configuration of the web app: `npm run build:web` builds web/ into dist/web, which the server serves.
// Development: `npx vite --config web/vite.config.ts` with the API (`vraagbaak serve`) on port 3000.
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const root = decodeURIComponent(new URL('.', import.meta.url).pathname);

/**
 * The voorbeeld theme sets tokens for every NL Design System community library (Amsterdam, Den Haag, Lux,
 * Rijkshuisstijl Community, work in progress). The app uses the Utrecht components only, whose CSS reads
 * only `--utrecht-*` tokens, and those refer only to `--basis-*`, `--nl-*` and `--voorbeeld-*`: the other
 * declarations are left out of the bundle (about a third of the theme).
 */
function pruneTheme(): Plugin {
  const unused = /^\s*--(?:ams|denhaag|lux|rhc|todo)-[^;]*;\s*$/;
  return {
    name: 'vraagbaak:prune-theme',
    enforce: 'pre',
    transform(code, id) {
      if (!id.replaceAll('\\', '/').endsWith('voorbeeld-design-tokens/dist/theme.css')) return null;
      return {
        code: code
          .split('\n')
          .filter((line) => !unused.test(line))
          .join('\n'),
        map: null,
      };
    },
  };
}

/**
 * The Utrecht React packages set `Component.displayName = '…'` after every component: a property write the
 * bundler must keep, which keeps every component of the library in the bundle (about 55 KB gzipped of
 * unused code). Those names only serve React's developer tools: they are taken out, and the packages are
 * marked free of side effects, so only the components the app uses remain.
 */
function shakeUtrecht(): Plugin {
  const module = /\/node_modules\/@utrecht\/[a-z-]+-react\/dist\/[^/]+\.mjs$/;
  const displayName = /^\s*[\w$]+\.displayName\s*=\s*(['"])[^'"\n]*\1;?[ \t]*$/gm;
  return {
    name: 'vraagbaak:shake-utrecht',
    enforce: 'pre',
    transform(code, id) {
      if (!module.test(id.replaceAll('\\', '/'))) return null;
      return { code: code.replace(displayName, ''), map: null, moduleSideEffects: false };
    },
  };
}

export default defineConfig({
  root,
  base: '/',
  plugins: [react(), pruneTheme(), shakeUtrecht()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    sourcemap: true,
    reportCompressedSize: true,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
  preview: {
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
