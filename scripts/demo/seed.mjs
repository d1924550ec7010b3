#!/usr/bin/env node
// Loads the Overvecht demo (generate.mjs) into a running PocketBase, once.
//
//   node scripts/demo/seed.mjs <url> <superuserEmail> <superuserPassword> [dataDir]
//
// The superuser signs in with her password and a code from `pocketbase superuser otp`, made in
// the server's data dir (default ./pb_data; scripts/superuser-session.mjs).
//
// Loaded or not: the marker is the demo's last link. Links are written last, in order, in
// all-or-nothing batches, so when the last link exists everything before it does too. (The demo
// worker cannot be the marker: conversations need her id, so all demo users come first.)
// A run that was interrupted simply runs again: it skips every id that already exists. Ids come
// from natural keys, not from the date, so that also holds on another day.
import PocketBase, { ClientResponseError } from 'pocketbase';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { signInSuperuser } from '../superuser-session.mjs';
import { DEMO_GEMEENTE, DEMO_WIJK, areaId, generateDemo, loadDemoInputs } from './generate.mjs';

export const DEMO_PASSWORD = 'krachtkaart-demo';
/** The server allows 200 requests per batch; 100 keeps each batch well inside its timeout. */
const CHUNK = 100;

/** Created in this order; the worker does most of the walks, the coordinator the rest. */
export const DEMO_USERS = [
	{ email: 'admin@example.org', name: 'Ada Admin', role: 'admin', areas: [areaId(DEMO_GEMEENTE)] },
	{
		email: 'coordinator@example.org',
		name: 'Cora Coördinator',
		role: 'coordinator',
		areas: [areaId(DEMO_WIJK)]
	},
	{ email: 'viewer@example.org', name: 'Vera Kijker', role: 'viewer', areas: [areaId(DEMO_WIJK)] },
	{
		email: 'worker@example.org',
		name: 'Willem Buurtwerker',
		role: 'worker',
		areas: [areaId(DEMO_WIJK)]
	}
];

/**
 * @param {PocketBase} pb @param {string} collection @param {string} id
 * @returns {Promise<boolean>}
 */
async function exists(pb, collection, id) {
	try {
		await pb.collection(collection).getOne(id, { fields: 'id' });
		return true;
	} catch (error) {
		if (error instanceof ClientResponseError && error.status === 404) return false;
		throw error;
	}
}

/**
 * Creates the records whose ids are not there yet, in batches, and reports progress.
 * @param {PocketBase} pb @param {string} collection @param {Record<string, any>[]} records
 * @param {(message: string) => void} log @param {string} [label]
 * @returns {Promise<number>} how many were created
 */
async function createMissing(pb, collection, records, log, label = collection) {
	const existing = new Set(
		(await pb.collection(collection).getFullList({ fields: 'id', batch: 500 })).map((r) => r.id)
	);
	const missing = records.filter((r) => !existing.has(r.id));
	let done = records.length - missing.length;
	for (let start = 0; start < missing.length; start += CHUNK) {
		const chunk = missing.slice(start, start + CHUNK);
		const batch = pb.createBatch();
		for (const body of chunk) batch.collection(collection).create(body);
		try {
			await batch.send();
		} catch (error) {
			const details = error instanceof ClientResponseError ? JSON.stringify(error.response) : '';
			throw new Error(`demo: ${label} batch from ${chunk[0].id} failed: ${error} ${details}`, {
				cause: error
			});
		}
		done += chunk.length;
		log(`demo: ${label} ${done}/${records.length}`);
	}
	if (missing.length === 0) log(`demo: ${label} ${done}/${records.length} (already there)`);
	return missing.length;
}

/**
 * The demo user with this email, created when missing.
 * @param {PocketBase} pb @param {typeof DEMO_USERS[number]} user @returns {Promise<string>} her id
 */
async function ensureUser(pb, user) {
	try {
		const found = await pb
			.collection('users')
			.getFirstListItem(pb.filter('email = {:email}', { email: user.email }), { fields: 'id' });
		return found.id;
	} catch (error) {
		if (!(error instanceof ClientResponseError && error.status === 404)) throw error;
	}
	const created = await pb.collection('users').create({
		...user,
		password: DEMO_PASSWORD,
		passwordConfirm: DEMO_PASSWORD,
		emailVisibility: false,
		verified: true
	});
	return created.id;
}

/**
 * Loads the Overvecht demo into PocketBase unless it is there already.
 *
 * @example
 * await seedDemo({ pb: superuserClient, log: console.log });
 *
 * @param {{ pb: PocketBase, log?: (message: string) => void, now?: Date }} options
 *   pb: a client signed in as a superuser (see signInSuperuser)
 * @returns {Promise<{ loaded: false } | { loaded: true, counts: Record<string, number>, created: Record<string, number> }>}
 *   counts: demo records per collection; created: how many of them this run wrote
 */
export async function seedDemo({ pb, log = () => {}, now = new Date() }) {
	if (!pb.authStore.isSuperuser) throw new Error('seedDemo: the client must be a superuser');
	// Many requests in a row from one client: the SDK must not cancel the earlier ones.
	pb.autoCancellation(false);

	const demo = generateDemo(loadDemoInputs(), { now });
	const marker = demo.links[demo.links.length - 1];
	if (await exists(pb, 'links', marker.id)) {
		log('demo: already loaded');
		return { loaded: false };
	}

	// An earlier CBS import may hold the same areas under other ids: use those, create the rest.
	const known = new Map(
		(await pb.collection('areas').getFullList({ fields: 'id,code', batch: 500 })).map((a) => [
			a.code,
			a.id
		])
	);
	/** @type {Map<string, string>} generated area id -> id in the database */
	const areaIds = new Map(demo.areas.map((a) => [a.id, known.get(a.code) ?? a.id]));
	/** @param {string} id */
	const area = (id) => areaIds.get(id) ?? id;
	const newAreas = demo.areas
		.filter((a) => areaIds.get(a.id) === a.id)
		.map((a) => (a.parent ? { ...a, parent: area(a.parent) } : a));

	/** @type {Record<string, number>} */
	const created = {};
	// Parents before children: one level at a time.
	created.areas = 0;
	for (const level of ['gemeente', 'wijk', 'buurt']) {
		const records = newAreas.filter((a) => a.level === level);
		created.areas += await createMissing(pb, 'areas', records, log, `areas (${level})`);
	}

	/** @type {Record<string, string>} */
	const users = {};
	for (const user of DEMO_USERS) {
		users[user.role] = await ensureUser(pb, { ...user, areas: user.areas.map(area) });
	}
	log('demo: users ready');
	const coordinator = users.coordinator;

	// Walks are by one user each, and a walk is one afternoon: every fifth walk day is the
	// coordinator's, the rest the worker's.
	const walkDays = [...new Set(demo.conversations.map((c) => c.heldAt.slice(0, 10)))].sort();
	const coordinatorDays = new Set(walkDays.filter((_, i) => i % 5 === 2));

	const inArea = (/** @type {Record<string, any>} */ r) => ({ ...r, area: area(r.area) });
	created.addresses = await createMissing(pb, 'addresses', demo.addresses.map(inArea), log);
	created.people = await createMissing(
		pb,
		'people',
		demo.people.map((p) => ({ ...inArea(p), createdBy: coordinator })),
		log
	);
	created.conversations = await createMissing(
		pb,
		'conversations',
		demo.conversations.map((c) => ({
			...inArea(c),
			worker: coordinatorDays.has(c.heldAt.slice(0, 10)) ? coordinator : users.worker
		})),
		log
	);
	created.assets = await createMissing(
		pb,
		'assets',
		demo.assets.map((a) => ({ ...inArea(a), createdBy: coordinator, confirmedBy: coordinator })),
		log
	);
	const workerOf = new Map();
	for (const c of demo.conversations) {
		workerOf.set(c.id, coordinatorDays.has(c.heldAt.slice(0, 10)) ? coordinator : users.worker);
	}
	created.followUps = await createMissing(
		pb,
		'follow_ups',
		demo.followUps.map((f) => {
			const assignee = workerOf.get(f.conversation);
			return {
				...inArea(f),
				assignee,
				createdBy: assignee,
				...(f.done ? { doneBy: assignee, doneAt: f.due } : {})
			};
		}),
		log
	);
	// Last, in order: the final link is the marker (see the top of this file).
	created.links = await createMissing(
		pb,
		'links',
		demo.links.map((l) => ({ ...l, createdBy: coordinator })),
		log
	);

	const counts = {
		areas: demo.areas.length,
		users: DEMO_USERS.length,
		addresses: demo.addresses.length,
		people: demo.people.length,
		conversations: demo.conversations.length,
		assets: demo.assets.length,
		links: demo.links.length,
		followUps: demo.followUps.length
	};
	log(`demo: loaded ${JSON.stringify(counts)}`);
	return { loaded: true, counts, created };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	const [url, email, password, dataDir = 'pb_data'] = process.argv.slice(2);
	if (!url || !email || !password) {
		console.error(
			'usage: node scripts/demo/seed.mjs <url> <superuserEmail> <superuserPassword> [dataDir]'
		);
		process.exit(2);
	}
	const started = Date.now();
	const pb = new PocketBase(url);
	signInSuperuser(pb, { email, password, dataDir: resolve(dataDir) })
		.then(() => seedDemo({ pb, log: console.log }))
		.then(
			(result) => {
				const seconds = ((Date.now() - started) / 1000).toFixed(1);
				console.log(result.loaded ? `demo: done in ${seconds} s` : 'demo: nothing to do');
			},
			(error) => {
				console.error(error instanceof Error ? error.message : error);
				process.exit(1);
			}
		);
}
