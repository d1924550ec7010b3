// The first run's setup page, pure: the gemeente search list, the checks the page makes before
// sending (the server checks again: pb_hooks/setup.pb.js), the server's per-field answers, and how
// much of a gemeente the bundled buurten cover. Tested in setup.test.ts.

/** A gemeente of the bundled CBS boundaries (pb_hooks/data/cbs/index.json). */
export interface GemeenteEntry {
	code: string;
	name: string;
	wijken: number;
	buurten: number;
	/** The share of the gemeente's area (water included) its bundled buurten cover, in %. */
	coverage: number;
}

export interface SetupIndex {
	years: { gemeenten: number; buurten: number };
	credit: { gemeenten: string; buurten: string };
	coverageEnough: number;
	gemeenten: GemeenteEntry[];
}

/** What a setup link is for: the first admin (with the gemeenten) or an admin's password. */
export interface SetupInfo {
	kind: 'first_admin' | 'password';
	expiresAt: string;
	index?: SetupIndex;
	email?: string;
	name?: string;
}

export interface LoadedAreas {
	gemeente: { code: string; name: string; id: string };
	created: number;
	existing: number;
	wijken: number;
	buurten: number;
	coverage: number;
	buurtenComplete: boolean;
	years: { gemeenten: number; buurten: number };
}

export interface FirstAdminDone {
	id: string;
	email: string;
	areas: LoadedAreas;
}

export interface AdminDraft {
	name: string;
	email: string;
	password: string;
	passwordConfirm: string;
}

export type SetupField = 'name' | 'email' | 'password' | 'passwordConfirm' | 'gemeente';
export type SetupProblem =
	'name_missing' | 'email_invalid' | 'password_short' | 'password_mismatch' | 'gemeente_missing';
/** A problem found here (a key) or the server's own words. */
export type Problems = Partial<Record<SetupField, { key?: SetupProblem; text?: string }>>;

const EMAIL = /^[^\s@<>(),;:"[\]\\]+@[^\s@<>(),;:"[\]\\]+\.[^\s@<>(),;:"[\]\\]+$/;

/** Lower case without accents or signs: "'s-Gravenhage" → "s gravenhage". */
export function normalize(text: string): string {
	return text
		.toLowerCase()
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[^a-z0-9]+/g, ' ')
		.trim();
}

/**
 * The gemeenten a search fits, best first: the CBS code ("GM0014", "0014", "14"), then names that
 * start with it, then names that hold it.
 *
 * @example searchGemeenten(list, 'gron').map((g) => g.code) // ['GM0014', …]
 */
export function searchGemeenten(list: GemeenteEntry[], query: string, limit = 12): GemeenteEntry[] {
	const q = normalize(query);
	if (!q) return list.slice(0, limit);
	const digits = /^(?:gm ?)?(\d{1,4})$/.exec(q);
	if (digits) {
		const code = 'GM' + digits[1].padStart(4, '0');
		return list.filter((g) => g.code === code || g.code.startsWith('GM' + digits[1]));
	}
	const starts = list.filter((g) => normalize(g.name).startsWith(q));
	const holds = list.filter((g) => !starts.includes(g) && normalize(g.name).includes(q));
	return [...starts, ...holds].slice(0, limit);
}

/** Whether setup loads all of a gemeente's buurten, some of them, or only its outline. */
export function buurtenStatus(
	gemeente: Pick<GemeenteEntry, 'buurten' | 'coverage'>,
	enough: number
): 'complete' | 'partial' | 'none' {
	if (gemeente.buurten === 0) return 'none';
	return gemeente.coverage >= enough ? 'complete' : 'partial';
}

/** What the page checks before sending the admin's details (the server checks the rest). */
export function adminProblems(draft: AdminDraft, withIdentity = true): Problems {
	const problems: Problems = {};
	if (withIdentity && !draft.name.trim()) problems.name = { key: 'name_missing' };
	if (withIdentity && !EMAIL.test(draft.email.trim())) problems.email = { key: 'email_invalid' };
	if (draft.password.length < 12) problems.password = { key: 'password_short' };
	else if (draft.password !== draft.passwordConfirm) {
		problems.passwordConfirm = { key: 'password_mismatch' };
	}
	return problems;
}

/**
 * The part of a server message ("Dutch / English") in the page's language.
 *
 * @example inLocale('Kies een gemeente. / Pick a gemeente.', 'en') // 'Pick a gemeente.'
 */
export function inLocale(message: string, locale: string): string {
	const parts = message.split(' / ');
	if (parts.length !== 2) return message;
	return locale === 'en' ? parts[1] : parts[0];
}

/** The server's per-field answer of a 400 as problems; {} for any other error. */
export function problemsOfError(error: unknown, locale: string): Problems {
	const e = error as {
		status?: number;
		response?: { data?: Record<string, { message?: string }> };
	};
	if (e?.status !== 400 || !e.response?.data) return {};
	const problems: Problems = {};
	for (const [field, value] of Object.entries(e.response.data)) {
		if (['name', 'email', 'password', 'passwordConfirm', 'gemeente'].includes(field)) {
			problems[field as SetupField] = { text: inLocale(String(value?.message ?? ''), locale) };
		}
	}
	return problems;
}

export const isValid = (problems: Problems) => Object.keys(problems).length === 0;
