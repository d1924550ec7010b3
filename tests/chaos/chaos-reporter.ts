// Ends the chaos run with its own count ("1000 steps, 0 lost, 0 doubled"), after the test count.
import type { Reporter, TestModule } from 'vitest/node';

export default class ChaosReporter implements Reporter {
	onTestRunEnd(testModules: ReadonlyArray<TestModule>) {
		for (const module of testModules) {
			for (const test of module.children.allTests()) {
				const chaos = test.meta().chaos;
				if (!chaos) continue;
				process.stdout.write(
					`${chaos.steps} steps, ${chaos.lost} lost, ${chaos.doubled} doubled` +
						(chaos.altered > 0 ? `, ${chaos.altered} altered` : '') +
						` (seed ${chaos.seed})\n`
				);
			}
		}
	}
}
