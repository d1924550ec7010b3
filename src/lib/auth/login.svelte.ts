// The login page's flow as one state: the password step, and for coordinators and admins the
// mailed-code step (resend after a cooldown, back to the password). It drives an AuthState, which
// signs in; the page only shows this state. Tests give the AuthState a fake AuthApi.
import { codeDigits, resendWaitSeconds, type CodeErrorKind, type LoginErrorKind } from './auth';
import type { AuthState, CodeChallenge } from './auth.svelte';

export class LoginFlow {
	email = $state('');
	password = $state('');
	busy = $state(false);
	error = $state<LoginErrorKind | null>(null);

	/** The second step under way; null on the password step. Replaced, never mutated. */
	challenge = $state.raw<CodeChallenge | null>(null);
	/** Only the digits of what was typed or pasted (see typeCode). */
	code = $state('');
	codeError = $state<CodeErrorKind | null>(null);
	/** A new code went out (shown until the next try). */
	resent = $state(false);
	/** The clock of the resend cooldown, moved on by tick(). */
	now = $state(0);
	readonly resendWait: number = $derived(
		this.challenge ? resendWaitSeconds(this.challenge.sentAt, this.now) : 0
	);

	#auth: AuthState;
	#clock: () => number;

	constructor(auth: AuthState, clock: () => number = Date.now) {
		this.#auth = auth;
		this.#clock = clock;
		this.now = clock();
	}

	/** Moves the cooldown's clock on; the page calls it every second while the code step shows. */
	tick() {
		this.now = this.#clock();
	}

	/** The password step; a coordinator or admin goes on to the code step. */
	async submitPassword(): Promise<void> {
		if (this.busy) return;
		this.busy = true;
		this.error = null;
		const outcome = await this.#auth.login(this.email, this.password);
		this.busy = false;
		if (outcome.ok) return;
		this.password = '';
		if ('codeSent' in outcome) {
			this.challenge = outcome.codeSent;
			this.tick();
			this.code = '';
			this.codeError = null;
			this.resent = false;
		} else {
			this.error = outcome.error;
		}
	}

	/** The code step; an expired one sends her back to the password with a word why. */
	async submitCode(): Promise<void> {
		const challenge = this.challenge;
		if (this.busy || !challenge) return;
		this.busy = true;
		this.codeError = null;
		const outcome = await this.#auth.confirmCode(challenge, this.code);
		this.busy = false;
		if (outcome.ok) return;
		if (outcome.error === 'expired') {
			this.backToPassword();
			this.error = 'expired';
			return;
		}
		this.codeError = outcome.error;
		if (outcome.error !== 'incomplete') this.code = '';
	}

	/** A new code, once the cooldown is over. */
	async resend(): Promise<void> {
		const challenge = this.challenge;
		if (this.busy || !challenge || this.resendWait > 0) return;
		this.busy = true;
		this.codeError = null;
		this.resent = false;
		const outcome = await this.#auth.resendCode(challenge);
		this.busy = false;
		if (outcome.ok) {
			this.challenge = outcome.challenge;
			this.tick();
			this.code = '';
			this.resent = true;
		} else {
			this.codeError = outcome.error;
		}
	}

	backToPassword() {
		this.challenge = null;
		this.code = '';
		this.codeError = null;
		this.resent = false;
		this.error = null;
	}

	/** Keeps the digits of what was typed or pasted ('123 456') and returns them, for the field
	 * to show just those (hence no maxlength on it: a pasted code may be longer than its digits). */
	typeCode(input: string): string {
		this.code = codeDigits(input);
		return this.code;
	}
}
