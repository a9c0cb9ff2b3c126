// Stand-in for the 'server-only' marker package in tests (vitest is not a React Server Components bundler).
export {};
