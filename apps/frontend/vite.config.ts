/// <reference types="vitest/config" />
import { fileURLToPath, URL } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The dev server proxies the API (and its event stream) to the Go server, so the app,
// the API and the stream share one origin in development as they do in production.
const apiTarget = process.env.FLEETMAN_API ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
      '/healthz': { target: apiTarget },
    },
  },
  build: {
    outDir: 'dist',
    // Maps are build artifacts (dist/assets/*.map, for error reports); the bundles do not point
    // to them and the server never serves them.
    sourcemap: 'hidden',
    rollupOptions: {
      output: {
        manualChunks: {
          react: ['react', 'react-dom', 'react-router-dom'],
          vendor: ['@tanstack/react-query', 'i18next', 'react-i18next', 'zustand'],
        },
      },
    },
  },
  test: {
    environment: 'jsdom',
    globals: true,
    setupFiles: ['./src/testing/setup.ts'],
    // The setup file's cleanup (unmount) runs before each test's own afterEach: a language reset
    // or store reset there no longer updates a mounted component outside act(...).
    sequence: { hooks: 'list' },
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
  },
});
