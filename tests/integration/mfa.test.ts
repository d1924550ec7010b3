// Guards the two-step sign-in (pb_migrations/1763901800_users_mfa_otp.js, pb_hooks/mfa.pb.js,
// pb_hooks/mail.pb.js): coordinators and admins need the mailed code after their password,
// workers and viewers their password alone; without SMTP the mail lands in the drop folder, with
// SMTP it goes out.
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import type PocketBase from 'pocketbase';
import { ClientResponseError } from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	PASSWORD,
	createUser,
	anonymousClient,
	ownSuperuserClient,
	statusOf,
	type Role
} from '../support/fixtures';
import { mailsTo, mfaIdOf, requestMailedCode, signInWithPassword } from '../support/mail-drop';
import { freePort, startPocketBase, type RunningPocketBase } from '../support/pocketbase';

/** A server of this file alone: it changes mail settings, and its sign-ins count on their own. */
let own: RunningPocketBase;
let su: PocketBase;

beforeAll(async () => {
	own = await startPocketBase();
	su = await ownSuperuserClient(own.url);
});

afterAll(async () => {
	await own?.stop();
});

const client = (): PocketBase => anonymousClient(own.url);

const newUser = async (role: Role): Promise<string> => (await createUser(su, role)).email;

/** The password step; returns the mfaId the server answers with (failing if it gave a token). */
async function passwordStep(pb: PocketBase, email: string): Promise<string> {
	const error = await pb
		.collection('users')
		.authWithPassword(email, PASSWORD)
		.then(
			() => null,
			(e: unknown) => e
		);
	expect(pb.authStore.token).toBe('');
	const mfaId = mfaIdOf(error);
	expect(mfaId, String(error)).toMatch(/^\w{15}$/);
	return mfaId!;
}

/** Requests a code and reads it from the mail it sends. */
const mailedCode = (pb: PocketBase, email: string) => requestMailedCode(pb, email, own.mailDir);

describe('signing in with password and mailed code', () => {
	for (const role of ['coordinator', 'admin'] as const) {
		it(`gives a ${role} no token for the password alone, one with the mailed code`, async () => {
			const email = await newUser(role);
			const pb = client();
			const mfaId = await passwordStep(pb, email);

			const { otpId, mail, code } = await mailedCode(pb, email);
			expect(mail.subject).toContain('Je inlogcode voor Krachtkaart');
			expect(mail.html).toContain('10 minuten geldig');
			expect(code).toMatch(/^\d{6}$/);

			const auth = await pb.collection('users').authWithOTP(otpId, code, { mfaId });
			expect(auth.token).not.toBe('');
			expect(auth.record).toMatchObject({ email, role });
			expect(pb.authStore.isValid).toBe(true);
		});
	}

	it('refuses a wrong code, and takes the right one after it', async () => {
		const email = await newUser('coordinator');
		const pb = client();
		const mfaId = await passwordStep(pb, email);
		const { otpId, code } = await mailedCode(pb, email);
		const wrong = code === '000000' ? '111111' : '000000';

		const refused = await pb
			.collection('users')
			.authWithOTP(otpId, wrong, { mfaId })
			.catch((e: unknown) => e);
		expect(refused).toBeInstanceOf(ClientResponseError);
		expect((refused as ClientResponseError).status).toBe(400);
		expect(pb.authStore.token).toBe('');

		await pb.collection('users').authWithOTP(otpId, code, { mfaId });
		expect(pb.authStore.record?.email).toBe(email);
	});

	it('refuses the code without the password step (a code alone is one factor)', async () => {
		const email = await newUser('admin');
		const pb = client();
		const { otpId, code } = await mailedCode(pb, email);
		const error = await pb
			.collection('users')
			.authWithOTP(otpId, code)
			.catch((e: unknown) => e);
		// PocketBase counts the code as the first step and asks for the password as the second.
		expect(mfaIdOf(error)).toMatch(/^\w{15}$/);
		expect(pb.authStore.token).toBe('');
	});

	for (const role of ['worker', 'viewer'] as const) {
		it(`gives a ${role} a token for her password alone, and mails her no code`, async () => {
			const email = await newUser(role);
			const pb = client();
			const auth = await pb.collection('users').authWithPassword(email, PASSWORD);
			expect(auth.token).not.toBe('');
			expect(auth.record.role).toBe(role);

			// Asked for a code anyway: the answer of an unknown address, no code is made.
			const { otpId } = await client().collection('users').requestOTP(email);
			expect(otpId).toMatch(/^\w{15}$/);
			const user = await su
				.collection('users')
				.getFirstListItem(su.filter('email = {:email}', { email }));
			const codes = await su
				.collection('_otps')
				.getFullList({ filter: su.filter('recordRef = {:id}', { id: user.id }) });
			expect(codes).toEqual([]);
			expect(await statusOf(client().collection('users').authWithOTP(otpId, '123456'))).toBe(400);
		});
	}

	it('signs every role in through the shared helper', async () => {
		for (const role of ['admin', 'coordinator', 'worker', 'viewer'] as const) {
			const email = await newUser(role);
			const auth = await signInWithPassword(client(), email, PASSWORD, own.mailDir);
			expect(auth.record).toMatchObject({ email, role });
		}
	});

	it('does not count a right password before the code as a failed sign-in', async () => {
		// pb_hooks/security.pb.js locks an account after 10 failures in 15 minutes.
		const email = await newUser('coordinator');
		for (let i = 0; i < 10; i++) await passwordStep(client(), email);
		const auth = await signInWithPassword(client(), email, PASSWORD, own.mailDir);
		expect(auth.record.email).toBe(email);
	});
});

describe('mail without SMTP', () => {
	it('lands as .eml and .json in the drop folder, for the recipient only', async () => {
		const email = await newUser('coordinator');
		const pb = client();
		await passwordStep(pb, email);
		const { mail, code } = await mailedCode(pb, email);
		expect(mail.to).toEqual([{ name: '', address: email }]);
		expect(mail.from.address).not.toBe('');

		const eml = readFileSync(join(own.mailDir, mail.file.replace(/\.json$/, '.eml')), 'utf8');
		expect(eml).toMatch(/^Date: .+\r\nFrom: .+\r\nTo: /);
		expect(eml).toContain(`\r\nTo: ${email}\r\n`);
		expect(eml).toContain('\r\nSubject: Je inlogcode voor Krachtkaart / Your sign-in code\r\n');
		expect(eml).toContain('Content-Type: text/html; charset=UTF-8');
		expect(eml).toContain(code);
		expect(existsSync(join(own.dataDir, 'mail_drop'))).toBe(false);
	});
});

/** A minimal SMTP server that keeps what it is sent (no TLS, no auth). */
function smtpSink(): { server: Server; messages: string[] } {
	const messages: string[] = [];
	const server = createServer((socket) => {
		let inData = false;
		let buffer = '';
		socket.setEncoding('utf8');
		socket.write('220 sink ESMTP\r\n');
		socket.on('data', (chunk: string) => {
			buffer += chunk;
			for (;;) {
				if (inData) {
					const end = buffer.indexOf('\r\n.\r\n');
					if (end < 0) return;
					messages.push(buffer.slice(0, end));
					buffer = buffer.slice(end + 5);
					inData = false;
					socket.write('250 OK\r\n');
					continue;
				}
				const eol = buffer.indexOf('\r\n');
				if (eol < 0) return;
				const line = buffer.slice(0, eol).toUpperCase();
				buffer = buffer.slice(eol + 2);
				if (line.startsWith('EHLO') || line.startsWith('HELO')) socket.write('250 sink\r\n');
				else if (line.startsWith('DATA')) {
					inData = true;
					socket.write('354 go ahead\r\n');
				} else if (line.startsWith('QUIT')) socket.end('221 bye\r\n');
				else socket.write('250 OK\r\n');
			}
		});
	});
	return { server, messages };
}

describe('mail with SMTP', () => {
	it('goes out through the SMTP server and not into the drop folder', async () => {
		const sink = smtpSink();
		const port = await freePort();
		await new Promise<void>((r) => sink.server.listen(port, '127.0.0.1', r));
		try {
			await su.settings.update({
				smtp: { enabled: true, host: '127.0.0.1', port, tls: false, username: '', password: '' }
			});
			const email = await newUser('admin');
			const pb = client();
			const before = mailsTo(own.mailDir, email).length;
			await pb.collection('users').requestOTP(email);
			for (let i = 0; i < 300 && sink.messages.length === 0; i++) {
				await new Promise((r) => setTimeout(r, 50));
			}
			expect(sink.messages.join('\n')).toContain(email);
			expect(mailsTo(own.mailDir, email).length).toBe(before);
		} finally {
			await su.settings.update({ smtp: { enabled: false } });
			await new Promise((r) => sink.server.close(r));
		}
	});
});
