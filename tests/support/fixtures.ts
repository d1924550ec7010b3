// Fresh fixtures for integration tests: areas, users per role and clients signed in as them.
// Every call makes new records with unique codes, so tests never depend on each other.
import PocketBase, { type RecordModel } from 'pocketbase';
import { expect, inject } from 'vitest';
import type { RoundDraft, RoundQuestion } from '$lib/rounds/rounds';
import type { QuestionKind } from '$lib/vocabulary/vocabulary';
import { dataDirOf, signInTestSuperuser } from './pocketbase';

export const PASSWORD = 'fixture-pass-123';
export type Role = 'admin' | 'coordinator' | 'worker' | 'viewer';
export const ROLES: Role[] = ['admin', 'coordinator', 'worker', 'viewer'];

let counter = 0;
/** A short unique suffix (letters and digits) for codes and emails in this run. */
export function unique(): string {
	counter += 1;
	return `${Date.now().toString(36)}${counter.toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

export function pocketbaseUrl(): string {
	return inject('pocketbaseUrl');
}

export function anonymousClient(url = pocketbaseUrl()): PocketBase {
	const pb = new PocketBase(url);
	pb.autoCancellation(false);
	return pb;
}

/**
 * A client of a test file's own server (started in this process), signed in as the superuser:
 * her password and a code from `pocketbase superuser otp`.
 */
export async function ownSuperuserClient(url: string): Promise<PocketBase> {
	const pb = anonymousClient(url);
	await signInTestSuperuser(pb, dataDirOf(url));
	return pb;
}

/** A client signed in as the superuser (with the session of the global setup: no sign-in). */
export async function superuserClient(): Promise<PocketBase> {
	const pb = anonymousClient();
	const { token, record } = inject('superuserAuth');
	pb.authStore.save(token, record);
	return pb;
}

/** The HTTP status a request failed with (0: it did not fail). */
export const statusOf = (promise: Promise<unknown>): Promise<number> =>
	promise.then(
		() => 0,
		(e: { status: number }) => e.status
	);

export const SQUARE = (lon: number, lat: number, size = 0.01) => ({
	type: 'Polygon',
	coordinates: [
		[
			[lon, lat],
			[lon + size, lat],
			[lon + size, lat + size],
			[lon, lat + size],
			[lon, lat]
		]
	]
});

export interface AreaTree {
	gemeente: { id: string; code: string };
	wijk: { id: string; code: string };
	buurt: { id: string; code: string };
}

/** A gemeente ▸ wijk ▸ buurt chain of new areas. */
export async function createAreaTree(su: PocketBase): Promise<AreaTree> {
	const tag = unique();
	const gemeente = await su.collection('areas').create({
		code: `GM-${tag}`,
		name: `Gemeente ${tag}`,
		level: 'gemeente',
		geometry: SQUARE(5.0, 52.0, 0.1)
	});
	const wijk = await su.collection('areas').create({
		code: `WK-${tag}`,
		name: `Wijk ${tag}`,
		level: 'wijk',
		parent: gemeente.id,
		geometry: SQUARE(5.0, 52.0, 0.05)
	});
	const buurt = await su.collection('areas').create({
		code: `BU-${tag}`,
		name: `Buurt ${tag}`,
		level: 'buurt',
		parent: wijk.id,
		geometry: SQUARE(5.0, 52.0, 0.01)
	});
	return {
		gemeente: { id: gemeente.id, code: gemeente.code },
		wijk: { id: wijk.id, code: wijk.code },
		buurt: { id: buurt.id, code: buurt.code }
	};
}

export interface Door {
	id: string;
	lon: number;
	lat: number;
}

/** Doors no. 1, 3 and 5 of a street in a buurt, 0.001° apart eastwards: the middle is no. 3's spot. */
export async function createDoorsInARow(
	su: PocketBase,
	buurt: string,
	{ street, postcode, lat }: { street: string; postcode: string; lat: number }
): Promise<Door[]> {
	const doors: Door[] = [];
	for (const [i, number] of ['1', '3', '5'].entries()) {
		const location = { lon: 5.002 + i * 0.001, lat };
		const door = await su.collection('addresses').create({
			street,
			number,
			postcode,
			city: 'Utrecht',
			location,
			area: buurt
		});
		doors.push({ id: door.id, ...location });
	}
	return doors;
}

/** The register's first purpose (a migration seeds the register): what a test's rounds are for. */
export async function firstPurpose(su: PocketBase): Promise<string> {
	return (await su.collection('purposes').getFirstListItem('')).id;
}

/**
 * A coordinator's draft of a round named `<name> <unique>` in March 2027, as roundsApi.saveRound
 * takes it: in `areas`, without themes, target or questions unless `fields` give them, and with
 * its streets left out.
 */
export function roundDraft(
	name: string,
	purpose: string,
	areas: string[],
	fields: Partial<RoundDraft> = {}
): RoundDraft {
	return {
		name: `${name} ${unique()}`,
		purpose,
		startsOn: '2027-03-01',
		endsOn: '2027-03-31',
		areas,
		themes: [],
		target: {},
		questions: [],
		...fields
	};
}

/**
 * A round made by the superuser for the register's first purpose; `fields` give its name, areas
 * and period (as stored: `2026-01-05 12:00:00.000Z`) and whatever else the test needs.
 */
export async function createRound(
	su: PocketBase,
	fields: { name: string; areas: string[]; startsOn: string; endsOn: string } & Record<
		string,
		unknown
	>
): Promise<RecordModel> {
	return su.collection('rounds').create({ purpose: await firstPurpose(su), ...fields });
}

/** The options of a test round's choice questions. */
export const CHOICE_OPTIONS = [
	{ value: 'buren', nl: 'Buren', en: 'Neighbours' },
	{ value: 'school', nl: 'School', en: 'School' },
	{ value: 'kerk', nl: 'Kerk', en: 'Church' }
];

/**
 * A question of each kind to a round, in this order (positions 0, 1, …), "Vraag <kind>" and
 * "Question <kind>": the choice kinds offer `options`, the kinds in `personal` are personal.
 */
export async function createQuestions(
	su: PocketBase,
	round: string,
	kinds: readonly QuestionKind[],
	{
		options = CHOICE_OPTIONS,
		personal = []
	}: { options?: { value: string; nl: string; en: string }[]; personal?: QuestionKind[] } = {}
): Promise<RoundQuestion[]> {
	const questions: RoundQuestion[] = [];
	for (const [position, kind] of kinds.entries()) {
		questions.push(
			await su.collection('round_questions').create<RoundQuestion>({
				round,
				position,
				kind,
				textNl: `Vraag ${kind}`,
				textEn: `Question ${kind}`,
				options: kind === 'choice' || kind === 'choices' ? options : null,
				personal: personal.includes(kind)
			})
		);
	}
	return questions;
}

/** A walk list of a round, made by the superuser, named "Lijst" unless `fields` name it. */
export function createWalkList(
	su: PocketBase,
	round: string,
	fields: Record<string, unknown> = {}
): Promise<RecordModel> {
	return su.collection('walk_lists').create({ round, name: 'Lijst', ...fields });
}

/** A new user with a role, areas and the password PASSWORD; her id and e-mail. */
export async function createUser(
	su: PocketBase,
	role: Role,
	areas: string[] = []
): Promise<{ id: string; email: string }> {
	const email = `${role}-${unique()}@test.krachtkaart.nl`;
	const user = await su.collection('users').create({
		email,
		password: PASSWORD,
		passwordConfirm: PASSWORD,
		name: `Test ${role}`,
		role,
		areas
	});
	return { id: user.id, email };
}

export interface SignedInUser {
	id: string;
	role: Role;
	pb: PocketBase;
}

/**
 * A new user with a role and areas, and a client signed in as her. The session comes from the
 * superuser (impersonation), not from her password: the server's rate limiter allows only 20
 * sign-ins a minute per IP, and every test signs in from 127.0.0.1. Her password works too.
 */
export async function signedInUser(
	su: PocketBase,
	role: Role,
	areas: string[]
): Promise<SignedInUser> {
	const user = await createUser(su, role, areas);
	const pb = await su.collection('users').impersonate(user.id, 0);
	pb.autoCancellation(false);
	return { id: user.id, role, pb };
}

export interface Point {
	lon: number;
	lat: number;
}

/** The middle of a point's grid cell, as pb_hooks/lib/precision.js computes it (written apart). */
export function cellMiddle(point: Point, metres: number): Point {
	const dLat = metres / 111_320;
	const lat = (Math.floor(point.lat / dLat) + 0.5) * dLat;
	const dLon = dLat / Math.cos((lat * Math.PI) / 180);
	return { lon: (Math.floor(point.lon / dLon) + 0.5) * dLon, lat };
}

/** A point, checked to nine decimals against where it should be. */
export function expectAt(actual: unknown, expected: Point): void {
	const point = actual as Point;
	expect(point.lon).toBeCloseTo(expected.lon, 9);
	expect(point.lat).toBeCloseTo(expected.lat, 9);
}
