// The map's snapshot: every asset in or under the asked areas that the caller may list, with the
// fields the map needs, and the links starting at them, as one JSON document built by SQLite. At
// city scale (20,000 assets) the records API spends seconds on its area rule (SELECT DISTINCT over
// joins) and on serialising records one by one, and the links would take hundreds of requests;
// this query takes a fraction of that (`npm run bench`).
//
// It bypasses the API rules, so it repeats the list rules of assets and links exactly:
//   admin, or signed in and one of my areas is the asset's area, its parent or its grandparent
//   (for a link: those of the asset it starts at).
// It bypasses the enrich hooks too, so it coarsens points itself for viewers (assets.pb.js).
// tests/integration/map-snapshot.test.ts proves both give the same records for every role.

// JSON fields go through json() so they are nested, not strings; the rest are stored as the API
// returns them (dates as '2025-03-01 10:00:00.123Z', relations as ids).
const json = (field) => `json(coalesce(nullif(${field}, ''), 'null'))`;
// Those who may not see stored points get what the records API's enrich hook gives them
// (lib/precision.js `coarsen`): the public point unless exact, no street at area precision.
const POINT = {
	exact: `'location', ${json('location')}, 'street', street`,
	public: `'location', CASE WHEN precision = 'exact' THEN ${json('location')} ELSE ${json('publicLocation')} END,
	'street', CASE WHEN precision IN ('exact', 'street') THEN street ELSE '' END`
};
const asset = (point) => `json_object(
	'id', id, 'kind', kind, 'title', title, 'description', description,
	'themes', ${json('themes')}, 'domain', ${json('domain')}, 'gifts', ${json('gifts')},
	'asksHelp', ${json('asksHelp')},
	${point}, 'precision', precision, 'area', area, 'status', status,
	'created', created, 'updated', updated, 'confirmedAt', confirmedAt, 'confirmedBy', confirmedBy)`;
// A link's author only for those who get it (lib/field-access.js: viewers do not).
const link = (withAuthor) => `json_object(
	'id', id, 'from', [from], 'to', [to], 'kind', kind, 'note', note,
	'created', created, 'updated', updated${withAuthor ? ", 'createdBy', createdBy" : ''})`;

/**
 * @param {core.App} app
 * @param {{ everything: boolean, mine: string[], asked: string[], exact?: boolean }} scope
 *   `everything` for admins and superusers; `mine` the caller's areas; `asked` the areas on
 *   screen; `exact` when the caller sees stored points (lib/precision.js `seesExactPoint`):
 *   staff, who also get the links' authors
 * @returns {string} `{"assets": [...], "links": [...]}`, in no particular order
 */
function mapSnapshotJson(app, scope) {
	const { ASKED_AND_MINE } = require(`${__hooks}/lib/areas.js`);
	const row = new DynamicModel({ body: '' });
	app
		.db()
		.newQuery(
			`WITH RECURSIVE ${ASKED_AND_MINE},
			visible AS (
				SELECT * FROM assets
				WHERE area IN (SELECT id FROM asked) AND ({:everything} OR area IN (SELECT id FROM mine)))
			SELECT json_object(
				'assets', (SELECT json_group_array(${asset(scope.exact ? POINT.exact : POINT.public)}) FROM visible),
				'links', (SELECT json_group_array(${link(scope.exact)}) FROM links WHERE [from] IN (SELECT id FROM visible))
			) AS body`
		)
		.bind({
			asked: JSON.stringify(scope.asked),
			mine: JSON.stringify(scope.mine),
			everything: scope.everything ? 1 : 0
		})
		.one(row);
	return row.body;
}

module.exports = { mapSnapshotJson };
