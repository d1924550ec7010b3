// One PocketBase for all integration test files; each test arranges its own fresh records.
// The superuser signs in once here: the server's rate limiter allows 20 sign-ins a minute per
// IP (pb_migrations/1763901600_security_hardening.js), and every test file needs a superuser.
import PocketBase, { type AuthRecord } from 'pocketbase';
import type { TestProject } from 'vitest/node';
import './mail-drop';
import { SUPERUSER, startPocketBase } from './pocketbase';

declare module 'vitest' {
	export interface ProvidedContext {
		pocketbaseUrl: string;
		superuserAuth: { token: string; record: AuthRecord };
	}
}

export default async function setup(project: TestProject) {
	const pocketbase = await startPocketBase();
	try {
		const su = new PocketBase(pocketbase.url);
		const { token, record } = await su
			.collection('_superusers')
			.authWithPassword(SUPERUSER.email, SUPERUSER.password);
		project.provide('pocketbaseUrl', pocketbase.url);
		project.provide('superuserAuth', { token, record });
		project.provide('mailDir', pocketbase.mailDir);
	} catch (error) {
		await pocketbase.stop();
		throw error;
	}
	return () => pocketbase.stop();
}
