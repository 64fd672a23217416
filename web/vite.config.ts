import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

// SvelteKit resolves its project from the working directory, so this config runs with web/ as
// the cwd: `npm run build:web`, and server/web-build.ts spawns the same build there.
export default defineConfig({
  plugins: [sveltekit()],
  build: {
    // vega-embed (vega + vega-lite) is one large chunk, loaded lazily on the first chart.
    chunkSizeWarningLimit: 1200,
  },
  // SvelteKit's build also runs its server code once (to analyse the routes). Bundle its `cookie`
  // (0.6) instead of resolving the package at the root, which fastify's light-my-request pins
  // to cookie 2, a different API.
  ssr: { noExternal: ['cookie'] },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000', '/docs': 'http://127.0.0.1:3000' },
  },
});
