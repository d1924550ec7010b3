// The table of area-scoped collections (pb_hooks/lib/area-rules.js, the one the migration applies
// and the hooks read) and, for each of its collections, how a test makes a record in an area: the
// tests enumerate the table, so a collection added to it without a maker here fails them.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type PocketBase from 'pocketbase';
import { firstPurpose, unique } from './fixtures';

interface Grant {
	roles: string[] | 'any';
	where?: string;
	within?: string[];
}
export interface AreaScoped {
	area: string;
	authorship: string[];
	list: Grant[] | null;
	view: Grant[] | null;
	create: Grant[] | null;
	update: Grant[] | null;
	delete: Grant[] | null;
}
export type Rules = Record<
	'listRule' | 'viewRule' | 'createRule' | 'updateRule' | 'deleteRule',
	string | null
>;

const require = createRequire(import.meta.url);
export const areaRulesLib = require('../../pb_hooks/lib/area-rules.js') as {
	AREA_SCOPED: Record<string, AreaScoped>;
	NOT_AREA_SCOPED: Record<string, string>;
	areaRules: (collection: string) => Rules;
};
export const AREA_SCOPED_NAMES = Object.keys(areaRulesLib.AREA_SCOPED);

const point = { lon: 5.005, lat: 52.005 };

/** A fresh 15-character record id, so a refused create can be looked for afterwards. */
export const freshId = () => (unique() + 'x'.repeat(15)).slice(0, 15).toLowerCase();

interface Maker {
	/** A record in `area`, made by the superuser (`worker`: whose talk it is). */
	record: (su: PocketBase, area: string, worker: string) => Promise<{ id: string }>;
	/** A body with which `author`, if the area is hers, creates one in `area`. */
	body: (su: PocketBase, area: string, author: string) => Promise<Record<string, unknown>>;
}

const asset = (su: PocketBase, area: string) =>
	su.collection('assets').create({
		kind: 'initiative',
		title: 'Taalcafé',
		location: point,
		precision: 'exact',
		area,
		status: 'active'
	});

/** A resident link keeps only a sha256 (hex) of its token. */
const tokenHash = () => createHash('sha256').update(unique()).digest('hex');

/** A listening round in `area`, for its first purpose (the register is seeded by a migration). */
const roundBody = async (su: PocketBase, area: string) => ({
	name: 'Luisterronde',
	purpose: await firstPurpose(su),
	startsOn: '2026-01-01 00:00:00.000Z',
	endsOn: '2026-03-31 00:00:00.000Z',
	areas: [area]
});
const round = async (su: PocketBase, area: string) =>
	su.collection('rounds').create(await roundBody(su, area));

const MAKERS: Record<string, Maker> = {
	people: {
		record: (su, area) => su.collection('people').create({ area }),
		body: async (_su, area) => ({ area })
	},
	conversations: {
		record: (su, area, worker) =>
			su.collection('conversations').create({
				area,
				worker,
				heldAt: new Date().toISOString(),
				outcome: 'talked'
			}),
		body: async (_su, area, author) => ({
			area,
			worker: author,
			heldAt: new Date().toISOString(),
			outcome: 'not_home'
		})
	},
	assets: {
		record: (su, area) => asset(su, area),
		body: async (_su, area) => ({
			kind: 'association',
			title: 'Moestuinclub',
			location: point,
			precision: 'exact',
			area,
			status: 'active'
		})
	},
	links: {
		record: async (su, area) =>
			su.collection('links').create({
				from: (await asset(su, area)).id,
				to: (await asset(su, area)).id,
				kind: 'runs'
			}),
		body: async (su, area) => ({
			from: (await asset(su, area)).id,
			to: (await asset(su, area)).id,
			kind: 'supports'
		})
	},
	follow_ups: {
		record: (su, area) => su.collection('follow_ups').create({ area, what: 'Nabellen' }),
		body: async (_su, area) => ({ area, what: 'Terugkomen' })
	},
	resident_links: {
		record: async (su, area) =>
			su.collection('resident_links').create({
				person: (await su.collection('people').create({ area })).id,
				tokenHash: tokenHash(),
				expiresAt: new Date(Date.now() + 86_400_000).toISOString()
			}),
		body: async (su, area) => ({
			person: (await su.collection('people').create({ area })).id,
			tokenHash: tokenHash(),
			expiresAt: new Date(Date.now() + 86_400_000).toISOString()
		})
	},
	connection_suggestions: {
		// Only the server makes them (pb_hooks/suggestions.pb.js); the superuser can, for the tests.
		record: async (su, area) =>
			su.collection('connection_suggestions').create({
				gift: (await asset(su, area)).id,
				initiative: (await asset(su, area)).id,
				area,
				status: 'open',
				evidence: { kind: 'initiative', themes: ['taal'], metres: 100, talks: [] }
			}),
		body: async (su, area) => ({
			gift: (await asset(su, area)).id,
			initiative: (await asset(su, area)).id,
			area,
			status: 'open'
		})
	},
	rounds: {
		record: (su, area) => round(su, area),
		body: (su, area) => roundBody(su, area)
	},
	round_questions: {
		record: async (su, area) =>
			su.collection('round_questions').create({
				round: (await round(su, area)).id,
				kind: 'text',
				textNl: 'Wat mist u in de buurt?'
			}),
		body: async (su, area) => ({
			round: (await round(su, area)).id,
			kind: 'yesno',
			textNl: 'Kent u uw buren?'
		})
	},
	ladder_steps: {
		record: async (su, area) =>
			su.collection('ladder_steps').create({
				asset: (await asset(su, area)).id,
				area,
				step: 'asked',
				source: 'set',
				reason: 'Gevraagd',
				at: new Date().toISOString()
			}),
		body: async (su, area) => ({
			asset: (await asset(su, area)).id,
			area,
			step: 'connected',
			source: 'set',
			reason: 'Verbonden',
			at: new Date().toISOString()
		})
	},
	walk_lists: {
		record: async (su, area) =>
			su.collection('walk_lists').create({ round: (await round(su, area)).id, name: 'Lijst 1' }),
		body: async (su, area) => ({ round: (await round(su, area)).id, name: 'Lijst 2' })
	}
};

/** How to make a record of an area-scoped collection; fails for one without a maker. */
export function makerOf(collection: string): Maker {
	const maker = MAKERS[collection];
	if (!maker) {
		throw new Error(`no record maker for ${collection}: add one to tests/support/area-records.ts`);
	}
	return maker;
}
