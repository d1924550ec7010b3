// Suggested connections, the pure part: which resident's gift (a `capacity` asset) could meet
// another resident's wish (the themes of a talk) or an initiative that asks for help
// (`assets.asksHelp`), by theme and walking distance, and only for residents whose consent allows
// contact. Plain CommonJS without PocketBase globals: the hooks (lib/suggestions.js) feed it the
// records of her areas, and the app's unit tests (src/lib/suggestions/match.test.ts) feed it small
// fixtures. The consent's end is computed by lib/consent.js (`deadline`), passed in as
// `consentEnds`, so there is one rule for when a consent runs out.

/** The consent scope that lets the team contact a resident again (lib/vocabulary.json). */
const CONTACT_SCOPE = 'contact';
/** Statuses of an initiative that may still take help. */
const HELPED_STATUSES = ['active', 'idea'];
/** Talks named as evidence per suggestion, newest first. */
const MAX_TALKS = 5;
/** Distances are rounded to this: a private resident's gift sits at her street's middle. */
const METRES_STEP = 10;

/**
 * @typedef {{ lon: number, lat: number }} Point
 * @typedef {object} Person
 * @property {string} id
 * @property {any} consent people.consent: { scopes, givenAt, until, ... } or null
 * @property {string} created the record's creation (PocketBase date), the consent's fallback start
 * @typedef {object} Asset
 * @property {string} id
 * @property {string} kind
 * @property {string} status
 * @property {string[]} themes
 * @property {string[]} [asksHelp] an initiative's themes it asks help with
 * @property {Point} location
 * @property {string} area
 * @property {string} person '' for none
 * @property {string} sourceConversation '' for none
 * @typedef {object} Talk
 * @property {string} id
 * @property {string} heldAt
 * @property {string} outcome
 * @property {string[]} themes what she worries about or wishes for
 * @property {Point | null} location
 * @property {string} area
 * @property {string} person '' for none
 * @typedef {object} Evidence
 * @property {'wish' | 'initiative'} kind
 * @property {string[]} themes the themes gift and wish (or help asked) share
 * @property {number} metres walking distance, as the crow flies, rounded to 10 m
 * @property {{ id: string, heldAt: string, side: 'gift' | 'wish' }[]} talks
 * @typedef {object} Suggestion
 * @property {string} gift the capacity asset
 * @property {string} giftArea
 * @property {string} wisher the wishing resident (people id), '' for an initiative
 * @property {string} wish her latest talk that carries the wish, '' for an initiative
 * @property {string} initiative the initiative asset, '' for a wish
 * @property {string} area where the wish or the initiative is
 * @property {Evidence} evidence
 */

/** The key of a pair, the same for a stored suggestion and a new one (its unique index). */
function pairKey(gift, wisher, initiative) {
	return `${gift}|${wisher || ''}|${initiative || ''}`;
}

/** Milliseconds of a PocketBase or ISO date, or NaN. */
function dateMs(value) {
	if (typeof value !== 'string' || value === '') return NaN;
	return Date.parse(value.replace(' ', 'T'));
}

/**
 * Whether the team may contact her now: her consent names the contact scope and has not ended.
 * @param {Person | undefined} person
 * @param {number} nowMs
 * @param {(consent: any, createdMs: number) => number} consentEnds
 */
function mayBeContacted(person, nowMs, consentEnds) {
	if (!person || !person.consent || !Array.isArray(person.consent.scopes)) return false;
	if (person.consent.scopes.indexOf(CONTACT_SCOPE) < 0) return false;
	const created = dateMs(person.created);
	return consentEnds(person.consent, isNaN(created) ? nowMs : created) > nowMs;
}

/** Metres between two points (haversine, as lib/conversation-growth.js measures). */
function metresBetween(a, b) {
	const rad = Math.PI / 180;
	const dLat = (b.lat - a.lat) * rad;
	const dLon = (b.lon - a.lon) * rad;
	const h =
		Math.sin(dLat / 2) * Math.sin(dLat / 2) +
		Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
	return 2 * 6371008.8 * Math.asin(Math.min(1, Math.sqrt(h)));
}

const isPoint = (p) =>
	!!p &&
	typeof p.lon === 'number' &&
	typeof p.lat === 'number' &&
	isFinite(p.lon) &&
	isFinite(p.lat) &&
	!(p.lon === 0 && p.lat === 0);

const shared = (a, b) =>
	(a || []).filter((theme, i, all) => (b || []).indexOf(theme) >= 0 && all.indexOf(theme) === i);

/**
 * A grid of cells at least `metres` wide everywhere among `points`, so that whatever lies within
 * `metres` of a point is in its cell or one of the eight around it: the matching stays near
 * linear at a city's scale (thousands of gifts and talks) instead of every pair.
 * @template T
 * @param {{ point: Point, item: T }[]} entries
 * @param {number} metres
 */
function gridOf(entries, metres) {
	const dLat = metres / 111320;
	let maxLat = 0;
	for (const entry of entries) maxLat = Math.max(maxLat, Math.abs(entry.point.lat));
	const dLon = dLat / Math.max(0.01, Math.cos((Math.min(maxLat, 89) * Math.PI) / 180));
	/** @type {Map<string, { point: Point, item: T }[]>} */
	const cells = new Map();
	const cellOf = (p) => [Math.floor(p.lat / dLat), Math.floor(p.lon / dLon)];
	for (const entry of entries) {
		const [row, col] = cellOf(entry.point);
		const key = `${row}:${col}`;
		if (!cells.has(key)) cells.set(key, []);
		cells.get(key).push(entry);
	}
	return {
		/** Entries in the cells around `p` (a superset of those within `metres`). */
		near(p) {
			const [row, col] = cellOf(p);
			const found = [];
			for (let r = row - 1; r <= row + 1; r++) {
				for (let c = col - 1; c <= col + 1; c++) {
					const cell = cells.get(`${r}:${c}`);
					if (cell) for (const entry of cell) found.push(entry);
				}
			}
			return found;
		},
		/** Points beyond the grid's widest latitude would need wider cells. */
		covers: (p) => Math.abs(p.lat) <= maxLat
	};
}

const byHeldAtDesc = (a, b) => (a.heldAt < b.heldAt ? 1 : a.heldAt > b.heldAt ? -1 : 0);

/**
 * The suggestions among the given records, best first (more shared themes, then nearer).
 * - A gift: a `capacity` asset that is not ended, with themes, a point, and a resident whose
 *   consent allows contact now.
 * - A wish: a talk (`talked`) with themes, a point, and a resident, other than the gift's, whose
 *   consent allows contact now. Her talks are one wish per gift: the latest is named, each one
 *   that shares a theme within reach is evidence.
 * - An initiative that asks for help: an `initiative` asset, active or an idea, with `asksHelp`
 *   themes and a point, not the gift's own resident's.
 * - Within `maxMetres` of the gift, sharing at least one theme, and not in `excluded` (pairs
 *   already suggested, decided or linked; pairKey).
 * @param {{ gifts: Asset[], talks: Talk[], initiatives: Asset[], people: Record<string, Person>, sourceTalks: Record<string, { id: string, heldAt: string }> }} input
 * @param {{ nowMs: number, maxMetres: number, consentEnds: (consent: any, createdMs: number) => number, excluded?: Set<string> | string[] }} options
 * @returns {Suggestion[]}
 */
function matchSuggestions(input, options) {
	const { nowMs, maxMetres, consentEnds } = options;
	const excluded = new Set(options.excluded || []);
	const contactable = (personId) =>
		!!personId && mayBeContacted(input.people[personId], nowMs, consentEnds);

	const gifts = (input.gifts || []).filter(
		(asset) =>
			asset.kind === 'capacity' &&
			asset.status !== 'ended' &&
			(asset.themes || []).length > 0 &&
			isPoint(asset.location) &&
			contactable(asset.person)
	);
	const wishEntries = (input.talks || [])
		.filter(
			(talk) =>
				talk.outcome === 'talked' &&
				(talk.themes || []).length > 0 &&
				isPoint(talk.location) &&
				contactable(talk.person)
		)
		.map((talk) => ({ point: talk.location, item: { kind: 'wish', talk } }));
	const initiativeEntries = (input.initiatives || [])
		.filter(
			(asset) =>
				asset.kind === 'initiative' &&
				HELPED_STATUSES.indexOf(asset.status) >= 0 &&
				(asset.asksHelp || []).length > 0 &&
				isPoint(asset.location)
		)
		.map((asset) => ({ point: asset.location, item: { kind: 'initiative', asset } }));
	const entries = wishEntries.concat(initiativeEntries);
	const grid = gridOf(
		entries.concat(gifts.map((g) => ({ point: g.location, item: null }))),
		maxMetres
	);

	/** @type {Suggestion[]} */
	const found = [];
	for (const gift of gifts) {
		const near = grid.covers(gift.location) ? grid.near(gift.location) : entries;
		const source = gift.sourceConversation ? input.sourceTalks[gift.sourceConversation] : null;
		const giftTalk = source ? [{ id: source.id, heldAt: source.heldAt, side: 'gift' }] : [];
		/** @type {Map<string, { talks: Talk[], themes: string[], metres: number }>} */
		const byWisher = new Map();
		for (const entry of near) {
			if (!entry.item) continue;
			const metres = metresBetween(gift.location, entry.point);
			if (metres > maxMetres) continue;
			if (entry.item.kind === 'initiative') {
				const asset = entry.item.asset;
				if (asset.person && asset.person === gift.person) continue;
				const themes = shared(gift.themes, asset.asksHelp);
				if (themes.length === 0 || excluded.has(pairKey(gift.id, '', asset.id))) continue;
				found.push({
					gift: gift.id,
					giftArea: gift.area,
					wisher: '',
					wish: '',
					initiative: asset.id,
					area: asset.area,
					evidence: { kind: 'initiative', themes, metres: round(metres), talks: giftTalk }
				});
				continue;
			}
			const talk = entry.item.talk;
			if (talk.person === gift.person || talk.id === gift.sourceConversation) continue;
			const themes = shared(gift.themes, talk.themes);
			if (themes.length === 0 || excluded.has(pairKey(gift.id, talk.person, ''))) continue;
			const wish = byWisher.get(talk.person) || { talks: [], themes: [], metres: Infinity };
			wish.talks.push(talk);
			wish.themes = shared(gift.themes, wish.themes.concat(themes));
			wish.metres = Math.min(wish.metres, metres);
			byWisher.set(talk.person, wish);
		}
		for (const [wisher, wish] of byWisher) {
			const talks = wish.talks.slice().sort(byHeldAtDesc);
			found.push({
				gift: gift.id,
				giftArea: gift.area,
				wisher,
				wish: talks[0].id,
				initiative: '',
				area: talks[0].area,
				evidence: {
					kind: 'wish',
					themes: wish.themes,
					metres: round(wish.metres),
					talks: giftTalk.concat(
						talks
							.slice(0, MAX_TALKS)
							.map((talk) => ({ id: talk.id, heldAt: talk.heldAt, side: 'wish' }))
					)
				}
			});
		}
	}
	return found.sort(
		(a, b) =>
			b.evidence.themes.length - a.evidence.themes.length ||
			a.evidence.metres - b.evidence.metres ||
			(pairKey(a.gift, a.wisher, a.initiative) < pairKey(b.gift, b.wisher, b.initiative) ? -1 : 1)
	);
}

function round(metres) {
	return Math.round(metres / METRES_STEP) * METRES_STEP;
}

module.exports = {
	CONTACT_SCOPE,
	HELPED_STATUSES,
	MAX_TALKS,
	pairKey,
	mayBeContacted,
	metresBetween,
	matchSuggestions
};
