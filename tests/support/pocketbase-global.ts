// One PocketBase for all integration test files; each test arranges its own fresh records.
// The superuser signs in once here, password and code (pb_migrations/1763902400_superusers_mfa_otp.js):
// the server's rate limiter allows 40 sign-ins a minute per IP
// (pb_migrations/1763901600_security_hardening.js), PocketBase 5 codes per account and IP in 3
// minutes, and every test file needs a superuser.
import PocketBase, { type AuthRecord } from 'pocketbase';
import type { TestProject } from 'vitest/node';
import './mail-drop';
import { signInTestSuperuser, startPocketBase } from './pocketbase';

declare module 'vitest' {
	export interface ProvidedContext {
		pocketbaseUrl: string;
		superuserAuth: { token: string; record: AuthRecord };
	}
}

export default async function setup(project: TestProject) {
	const pocketbase = await startPocketBase();
	try {
		const { token, record } = await signInTestSuperuser(
			new PocketBase(pocketbase.url),
			pocketbase.dataDir
		);
		project.provide('pocketbaseUrl', pocketbase.url);
		project.provide('superuserAuth', { token, record });
		project.provide('mailDir', pocketbase.mailDir);
	} catch (error) {
		await pocketbase.stop();
		throw error;
	}
	return () => pocketbase.stop();
}
