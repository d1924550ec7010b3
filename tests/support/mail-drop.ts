// The mail a test PocketBase "sent": without SMTP, pb_hooks/mail.pb.js drops every mail as .json
// (and .eml) into KRACHTKAART_MAIL_DIR. Here tests read it, and sign in with password and, for
// the roles that need it (coordinators, admins), the mailed one-time code.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import PocketBase, { type RecordAuthResponse } from 'pocketbase';
import { mfaIdOf } from '../../scripts/superuser-session.mjs';

declare module 'vitest' {
	export interface ProvidedContext {
		/** KRACHTKAART_MAIL_DIR of the shared test PocketBase. */
		mailDir: string;
	}
}

export interface DroppedMail {
	file: string;
	sentAt: string;
	from: { name: string; address: string };
	to: { name: string; address: string }[];
	subject: string;
	html: string;
	text: string;
}

/** The .json files in the folder, oldest first (their names start with the time). */
function mailFiles(mailDir: string): string[] {
	if (!existsSync(mailDir)) return [];
	return readdirSync(mailDir)
		.filter((name) => name.endsWith('.json'))
		.sort();
}

/** The mail dropped so far to this address, oldest first. */
export function mailsTo(mailDir: string, email: string): DroppedMail[] {
	const wanted = email.trim().toLowerCase();
	return mailFiles(mailDir)
		.map((file) => ({
			file,
			...(JSON.parse(readFileSync(join(mailDir, file), 'utf8')) as Omit<DroppedMail, 'file'>)
		}))
		.filter((mail) => mail.to.some((to) => to.address.toLowerCase() === wanted));
}

/**
 * Waits for a mail to the address that is not among `seen` (file names), and returns it.
 * PocketBase sends mail in the background after answering, so it may land a moment later.
 */
export async function nextMailTo(
	mailDir: string,
	email: string,
	seen: readonly string[],
	timeoutMs = 15_000
): Promise<DroppedMail> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const fresh = mailsTo(mailDir, email).find((mail) => !seen.includes(mail.file));
		if (fresh) return fresh;
		if (Date.now() > deadline) throw new Error(`no mail to ${email} in ${mailDir}`);
		await new Promise((r) => setTimeout(r, 50));
	}
}

/** The sign-in code in a mail of pb_migrations/1763901800_users_mfa_otp.js's template. */
export function codeIn(mail: Pick<DroppedMail, 'html' | 'text'>): string {
	const match = /\b(\d{6})\b/.exec(mail.html || mail.text);
	if (!match) throw new Error(`no six-digit code in the mail:\n${mail.html || mail.text}`);
	return match[1];
}

/** The mfaId PocketBase answers the right password with when a second step is needed. */
export { mfaIdOf };

/** Asks the server to mail her a sign-in code, and reads that mail from `mailDir`. */
export async function requestMailedCode(
	pb: PocketBase,
	email: string,
	mailDir: string
): Promise<{ otpId: string; mail: DroppedMail; code: string }> {
	const seen = mailsTo(mailDir, email).map((mail) => mail.file);
	const { otpId } = await pb.collection('users').requestOTP(email);
	const mail = await nextMailTo(mailDir, email, seen);
	return { otpId, mail, code: codeIn(mail) };
}

/**
 * Signs `pb` in as a user by her password and, if the server asks for it (coordinators and
 * admins), the code it mailed into `mailDir`: what a person does on the login page.
 */
export async function signInWithPassword(
	pb: PocketBase,
	email: string,
	password: string,
	mailDir: string
): Promise<RecordAuthResponse> {
	try {
		return await pb.collection('users').authWithPassword(email, password);
	} catch (error) {
		const mfaId = mfaIdOf(error);
		if (!mfaId) throw error;
		const { otpId, code } = await requestMailedCode(pb, email, mailDir);
		return pb.collection('users').authWithOTP(otpId, code, { mfaId });
	}
}
