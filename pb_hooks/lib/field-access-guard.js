// The request side of lib/field-access.js, for PocketBase: the schema lookup, the guard the
// security middleware runs on record and batch requests before any handler, and the list budget.
const access = require(`${__hooks}/lib/field-access.js`);

/**
 * A field of a collection as the guard needs it: its type and, for a relation, the name of the
 * collection it points to; null when there is no such field.
 * @param {string} collection @param {string} field
 */
function schemaField(collection, field) {
	let found;
	try {
		found = $app.findCachedCollectionByNameOrId(collection);
	} catch {
		return null;
	}
	const definition = found.fields.getByName(field);
	if (!definition) return null;
	const type = definition.type();
	if (type !== 'relation') return { type: type };
	let target = '';
	try {
		target = $app.findCachedCollectionByNameOrId(definition.collectionId).name;
	} catch {
		// a relation to a collection that is gone: nothing to reach
	}
	return { type: type, target: target };
}

/** The role the table knows a signed-in user by, or null for a guest. @param {core.Record | null} auth */
function userOf(auth) {
	if (!auth) return null;
	if (auth.collection().name !== 'users') return { role: '' };
	return { role: auth.getString('role') };
}

/**
 * Refuses (400, 429) a record or batch request of someone who is not a superuser whose filter,
 * sort or list budget is not allowed; returns quietly otherwise.
 * @param {core.RequestEvent} e
 * @param {RegExpExecArray | null} records the match of /api/collections/{name}/records[/{id}]
 */
function guardRequest(e, records) {
	const user = userOf(e.auth);
	if (!records) {
		// A batch (create, update, upsert, delete) never lists: a filter or sort in one of its
		// URLs has no use, so any is refused.
		const requests = (e.requestInfo().body || {}).requests;
		if (!Array.isArray(requests)) return;
		for (const request of requests) {
			const url = String((request && request.url) || '');
			const query = url.indexOf('?') < 0 ? '' : url.slice(url.indexOf('?') + 1);
			if (/(^|&)(filter|sort)=/i.test(query)) throw new BadRequestError(access.REFUSAL.batch());
		}
		return;
	}
	const collection = decodeURIComponent(records[1]);
	const query = e.request.url.query();
	const refused = access.queryRefusal(
		user,
		collection,
		{ filter: query.get('filter'), sort: query.get('sort'), expand: query.get('expand') },
		schemaField
	);
	if (refused) throw new BadRequestError(refused);
	if (!records[2] && user && e.request.method === 'GET') spendListBudget(e.auth.id);
}

/**
 * Counts a list request against the user's budget per minute (in memory); 429 past it.
 * @param {string} userId
 */
function spendListBudget(userId) {
	const budget = Number($os.getenv('KRACHTKAART_LIST_BUDGET')) || access.LIST_BUDGET_PER_MINUTE;
	const store = $app.store();
	const key = access.BUDGET_PREFIX + userId;
	const spent = access.spendListBudget(store.get(key), Math.floor(Date.now() / 1000), budget);
	store.set(key, spent.value);
	if (spent.over) {
		throw new TooManyRequestsError(
			`Te veel zoekopdrachten achter elkaar (hooguit ${budget} per minuut); wacht even. / ` +
				`Too many list requests (at most ${budget} a minute); wait a moment.`
		);
	}
}

module.exports = { schemaField, userOf, guardRequest };
