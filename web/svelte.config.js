// Read by vite-plugin-svelte and svelte-check. Svelte 5 strips TypeScript in
// `<script lang="ts">` itself, so no preprocessor is needed.
/** @type {import('@sveltejs/vite-plugin-svelte').SvelteConfig} */
export default {
  compilerOptions: { runes: true },
};
