// A new round's form opened with buurten and streets already picked, from the URL
// (`/rondes/nieuw?buurt=<id>&straat=<buurt id>:<street>`): the gap view's "Ronde plannen met deze
// straten" writes it, the round page reads it. A street is named with its buurt, as the gap view
// knows it (the street name without its place); the street picker finds its label. Pure.

/** A street as the gap view names it: its buurt (areas id) and its name. */
export interface StreetPick {
	area: string;
	street: string;
}

/** What a new round's form starts with. */
export interface RoundPrefill {
	/** The buurten (areas ids), streets' buurten included. */
	areas: string[];
	streets: StreetPick[];
}

const ID = /^[A-Za-z0-9_-]{1,40}$/;
/** As many streets as a URL of a few thousand characters holds with room to spare. */
export const MAX_PREFILL_STREETS = 300;
const MAX_STREET = 200;

/**
 * The query string for a new round with these buurten and streets (streets' buurten added).
 *
 * @example roundPrefillParams({ areas: [], streets: [{ area: 'b1', street: 'Wolgadreef' }] }).toString()
 * // 'buurt=b1&straat=b1%3AWolgadreef'
 */
export function roundPrefillParams(prefill: RoundPrefill): URLSearchParams {
	const { areas, streets } = readRoundPrefill(
		new URLSearchParams([
			...prefill.areas.map((id): [string, string] => ['buurt', id]),
			...prefill.streets.map((s): [string, string] => ['straat', `${s.area}:${s.street}`])
		])
	);
	const params = new URLSearchParams();
	for (const id of areas) params.append('buurt', id);
	for (const s of streets) params.append('straat', `${s.area}:${s.street}`);
	return params;
}

/**
 * The buurten and streets in a new round's URL. Unreadable values are left out (a buurt id of
 * letters, digits, - and _; a street '<buurt id>:<name>' with a name of 1 to 200 characters),
 * each once, at most MAX_PREFILL_STREETS streets; a street's buurt is one of the buurten.
 *
 * @example readRoundPrefill(new URLSearchParams('straat=b1:Wolgadreef&buurt=b2'))
 * // { areas: ['b2', 'b1'], streets: [{ area: 'b1', street: 'Wolgadreef' }] }
 */
export function readRoundPrefill(params: URLSearchParams): RoundPrefill {
	const areas = new Set(params.getAll('buurt').filter((id) => ID.test(id)));
	const seen = new Set<string>();
	const streets: StreetPick[] = [];
	for (const value of params.getAll('straat')) {
		const colon = value.indexOf(':');
		const area = value.slice(0, colon);
		const street = value.slice(colon + 1).trim();
		if (colon < 0 || !ID.test(area) || street === '' || street.length > MAX_STREET) continue;
		const key = `${area}:${street}`;
		if (seen.has(key) || streets.length >= MAX_PREFILL_STREETS) continue;
		seen.add(key);
		streets.push({ area, street });
		areas.add(area);
	}
	return { areas: [...areas], streets };
}
