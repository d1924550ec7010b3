// Ends every test run with one plain count line ("Tests: N passed, N failed, N skipped") that CI
// and people can read, whatever else the default reporter printed.
import type { Reporter, TestModule } from 'vitest/node';

export default class CountReporter implements Reporter {
	onTestRunEnd(testModules: ReadonlyArray<TestModule>) {
		const counts = { passed: 0, failed: 0, skipped: 0 };
		for (const module of testModules) {
			// A file that failed to load has no tests but must still count as a failure.
			if (module.state() === 'failed' && module.children.size === 0) counts.failed += 1;
			for (const test of module.children.allTests()) {
				const state = test.result().state;
				if (state === 'passed') counts.passed += 1;
				else if (state === 'failed') counts.failed += 1;
				else counts.skipped += 1;
			}
		}
		process.stdout.write(
			`\nTests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped\n`
		);
	}
}
