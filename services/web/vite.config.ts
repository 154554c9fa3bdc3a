import { defineConfig } from 'vite'
import preact from '@preact/preset-vite'

// The API serves dist/ at `/` on the same origin; in `vite dev` the /v1 calls go to an API
// started separately (XIANJIE_API, default http://127.0.0.1:3000).
const api = process.env.XIANJIE_API ?? 'http://127.0.0.1:3000'

export default defineConfig({
  plugins: [preact({ devtoolsInProd: false })],
  build: {
    target: 'es2022',
    // The API's CSP allows no inline scripts, so nothing may be inlined as a data: URL either.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
  server: { proxy: { '/v1': api, '/docs': api, '/healthz': api } },
  preview: { proxy: { '/v1': api, '/docs': api, '/healthz': api } },
})
