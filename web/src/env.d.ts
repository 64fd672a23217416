// Ambient types for the root `tsc -p .` run, which also checks web/src: `.svelte` imports,
// runes ($state, $derived, $effect) and Vite's `import.meta` additions.
/// <reference types="svelte" />
/// <reference types="vite/client" />
