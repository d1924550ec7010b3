// The walk's snapshot: the addresses in or under the asked areas, and the visits made there (who,
// when, how it went, with the worker's name), as one JSON document built by SQLite. Through the
// records API a worker's wijk took seconds (pages of conversations under their area rule, with a
// users lookup per page); this is one query. Its visits repeat the conversations' list rule:
//   admin, or coordinator or worker and one of my areas is the area, its parent or grandparent.
// Addresses are readable by every signed-in user. tests/integration/walk-snapshot.test.ts proves
// both give the same records as the records API.

const ADDRESS = `json_object(
	'id', id, 'street', street, 'number', number, 'postcode', postcode, 'city', city,
	'location', json(coalesce(nullif(location, ''), 'null')), 'area', area)`;
const VISIT = `json_object(
	'id', c.id, 'address', c.address, 'heldAt', c.heldAt, 'outcome', c.outcome, 'worker', c.worker,
	'workerName', coalesce(u.name, ''))`;

/**
 * @param {core.App} app
 * @param {{ everything: boolean, mine: string[], asked: string[] }} scope
 * @returns {{ body: string, visits: number }} `{"addresses": [...], "visits": [...]}`
 */
function walkSnapshotJson(app, scope) {
	const { ASKED_AND_MINE } = require(`${__hooks}/lib/areas.js`);
	const row = new DynamicModel({ body: '', visits: 0 });
	app
		.db()
		.newQuery(
			`WITH RECURSIVE ${ASKED_AND_MINE},
			visits AS (
				SELECT ${VISIT} AS visit FROM conversations c LEFT JOIN users u ON u.id = c.worker
				WHERE c.address != '' AND c.area IN (SELECT id FROM asked)
					AND ({:everything} OR c.area IN (SELECT id FROM mine)))
			SELECT json_object(
				'addresses', (SELECT json_group_array(${ADDRESS}) FROM addresses
					WHERE area IN (SELECT id FROM asked)),
				'visits', (SELECT json_group_array(json(visit)) FROM visits)
			) AS body, (SELECT count(*) FROM visits) AS visits`
		)
		.bind({
			asked: JSON.stringify(scope.asked),
			mine: JSON.stringify(scope.mine),
			everything: scope.everything ? 1 : 0
		})
		.one(row);
	return { body: row.body, visits: row.visits };
}

module.exports = { walkSnapshotJson };
