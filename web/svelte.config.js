// SvelteKit as a single-page app (architecture.md "Web"): no server rendering, no prerendering;
// adapter-static writes web/dist with index.html as the fallback the fastify server answers
// for every app path (server/plugins/web.ts), so a pasted /incidents/123?from=… opens that view.
// Svelte 5 strips TypeScript in `<script lang="ts">` itself, so no preprocessor is needed.
import adapter from '@sveltejs/adapter-static';

/** @type {import('@sveltejs/kit').Config} */
export default {
  compilerOptions: { runes: true },
  kit: {
    adapter: adapter({ pages: 'dist', assets: 'dist', fallback: 'index.html', precompress: false, strict: true }),
    // Pure modules (charts, API types) are also imported by the server and tests through
    // relative paths; `$lib` is for components and pages.
    typescript: {
      config: (config) => ({ ...config, include: [...config.include, '../vite.config.ts'] }),
    },
  },
};
