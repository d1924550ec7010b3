import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

// The dev server proxies the API to a PocketBase started with `npm run db:serve`.
const pocketbaseUrl = `http://${process.env.KRACHTKAART_HTTP ?? '127.0.0.1:8090'}`;

export default defineConfig({
	plugins: [
		sveltekit(),
		paraglideVitePlugin({
			project: './project.inlang',
			outdir: './src/lib/paraglide',
			emitTsDeclarations: true,
			// Dutch first, whatever the browser's language; a chosen language is remembered on the device.
			// Keep equal to the `i18n` script in package.json (used by `npm run check`).
			strategy: ['localStorage', 'baseLocale']
		})
	],
	server: {
		proxy: { '/api': { target: pocketbaseUrl, ws: false }, '/_': pocketbaseUrl }
	},
	test: {
		expect: { requireAssertions: true },
		reporters: ['default', './tests/support/count-reporter.ts'],
		projects: [
			{
				extends: './vite.config.ts',
				test: {
					name: 'unit',
					environment: 'node',
					include: ['src/**/*.test.ts', 'scripts/**/*.test.ts', 'tests/chaos/**/*.test.ts']
				}
			},
			{
				extends: './vite.config.ts',
				test: {
					name: 'integration',
					environment: 'node',
					include: ['tests/integration/**/*.test.ts'],
					globalSetup: ['tests/support/pocketbase-global.ts'],
					testTimeout: 30_000,
					hookTimeout: 60_000
				}
			},
			{
				extends: './vite.config.ts',
				test: {
					name: 'e2e',
					environment: 'node',
					include: ['tests/e2e/**/*.e2e.ts'],
					globalSetup: ['tests/support/app-global.ts'],
					testTimeout: 90_000,
					hookTimeout: 120_000,
					fileParallelism: false
				}
			}
		]
	}
});
