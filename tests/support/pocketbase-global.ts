// One PocketBase for all integration test files; each test arranges its own fresh records.
import type { TestProject } from 'vitest/node';
import { startPocketBase } from './pocketbase';

declare module 'vitest' {
	export interface ProvidedContext {
		pocketbaseUrl: string;
	}
}

export default async function setup(project: TestProject) {
	const pocketbase = await startPocketBase();
	project.provide('pocketbaseUrl', pocketbase.url);
	return () => pocketbase.stop();
}
