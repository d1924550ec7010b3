// The chaos run has a config of its own, so `npm test` never runs it: `npm run test:chaos`.
import { defineConfig } from 'vitest/config';
import base from '../../vite.config.ts';

export default defineConfig({
	plugins: base.plugins,
	test: {
		name: 'chaos',
		environment: 'node',
		include: ['tests/chaos/**/*.chaos.ts'],
		globalSetup: ['tests/chaos/chaos-global.ts'],
		expect: { requireAssertions: true },
		reporters: ['default', './tests/support/count-reporter.ts', './tests/chaos/chaos-reporter.ts'],
		// 1,000 steps take a while; each step has its own timeouts.
		testTimeout: 4 * 60 * 60_000,
		hookTimeout: 300_000
	}
});
