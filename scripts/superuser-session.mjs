// Signs a superuser in, in both steps (pb_migrations/1763902400_superusers_mfa_otp.js): her
// password, then a one-time code. Scripts that run on the server's own machine (`npm start`, the
// demo seeder, the bench, the tests) take the code from `pocketbase superuser otp`, which stores a
// fresh code in the data dir and prints it: no mail is sent or read, and whoever can run it can
// change the data dir anyway. A data dir whose migrations are not that far yet (a test of an older
// schema) asks no code, and the password alone signs her in.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import PocketBase, { ClientResponseError } from 'pocketbase';
import { ensurePocketBase } from './pocketbase.mjs';

/**
 * A random password for a superuser a script makes with `pocketbase superuser upsert`: hex, so it
 * never starts with '-'. The CLI would read such a password as a flag, print an error and still
 * exit 0, leaving no superuser to sign in (one run in 64 with base64url).
 * @param {number} [bytes]
 */
export function scriptPassword(bytes = 24) {
	return randomBytes(bytes).toString('hex');
}

/**
 * The mfaId PocketBase answers a right first step with when a second one is needed, else null.
 * @param {unknown} error
 * @returns {string | null}
 */
export function mfaIdOf(error) {
	if (!(error instanceof ClientResponseError) || error.status !== 401) return null;
	const mfaId = /** @type {{ mfaId?: unknown }} */ (error.response).mfaId;
	return typeof mfaId === 'string' && mfaId ? mfaId : null;
}

/**
 * A fresh one-time code for the superuser, made by the PocketBase CLI in the data dir.
 * @param {{ email: string, dataDir: string, bin?: string }} options
 * @returns {Promise<{ otpId: string, code: string }>}
 */
export async function superuserOtp({ email, dataDir, bin }) {
	const pocketbase = bin ?? (await ensurePocketBase());
	const result = spawnSync(pocketbase, ['superuser', 'otp', email, `--dir=${dataDir}`], {
		encoding: 'utf8'
	});
	// It prints "├─ Id:    <otpId>" and "├─ Pass:  <code>".
	const otpId = /\bId:\s+(\w+)/.exec(result.stdout)?.[1];
	const code = /\bPass:\s+(\d+)/.exec(result.stdout)?.[1];
	if (result.status !== 0 || !otpId || !code) {
		throw new Error(
			`pocketbase superuser otp ${email} --dir=${dataDir} gave no code:\n${result.stdout}${result.stderr}`
		);
	}
	return { otpId, code };
}

/**
 * Signs `pb` in as the superuser: her password, then a code from `pocketbase superuser otp`.
 * @param {import('pocketbase').default} pb a client of the server that serves `dataDir`
 * @param {{ email: string, password: string, dataDir: string, bin?: string }} superuser
 * @returns {Promise<import('pocketbase').RecordAuthResponse>}
 */
export async function signInSuperuser(pb, { email, password, dataDir, bin }) {
	try {
		return await pb.collection('_superusers').authWithPassword(email, password);
	} catch (error) {
		const mfaId = mfaIdOf(error);
		if (!mfaId) throw error;
		const { otpId, code } = await superuserOtp({ email, dataDir, bin });
		return pb.collection('_superusers').authWithOTP(otpId, code, { mfaId });
	}
}

/**
 * Runs `task` with a client of the server at `url`, signed in as a superuser made for this run in
 * its data dir and deleted afterwards, whatever `task` does: the setup, import and restore
 * scripts, where the operator types no password. `args` are the CLI's own (`--dir=…`, …). The CLI
 * answers 0 even when it refuses, so its upsert is checked by what it prints.
 * @template T
 * @param {{ bin: string, email: string, dataDir: string, url: string, args: string[] }} run
 * @param {(pb: PocketBase) => Promise<T>} task
 * @returns {Promise<T>}
 */
export async function withRunSuperuser({ bin, email, dataDir, url, args }, task) {
	const password = scriptPassword();
	try {
		const upsert = spawnSync(bin, ['superuser', 'upsert', email, password, ...args], {
			encoding: 'utf8'
		});
		if (upsert.status !== 0 || !/Successfully saved/.test(upsert.stdout)) {
			throw new Error(`pocketbase superuser upsert failed:\n${upsert.stdout}${upsert.stderr}`);
		}
		const pb = new PocketBase(url);
		pb.autoCancellation(false);
		await signInSuperuser(pb, { email, password, dataDir, bin });
		return await task(pb);
	} finally {
		spawnSync(bin, ['superuser', 'delete', email, ...args], { encoding: 'utf8' });
	}
}
