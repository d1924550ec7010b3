// Global setup of the chaos run: Chromium and a build must be there (the run starts its own
// PocketBase, which it kills and starts again), and one mail folder for every start of it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { checkBuild, checkChromium } from '../support/app-global';

export default function setup(project: TestProject) {
	project.provide('chromiumPath', checkChromium());
	checkBuild();
	const mailDir = mkdtempSync(join(tmpdir(), 'krachtkaart-chaos-mail-'));
	project.provide('mailDir', mailDir);
	return () => rmSync(mailDir, { recursive: true, force: true });
}
