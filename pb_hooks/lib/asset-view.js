// What a reader gets of an asset: the stored point or only the public one (lib/precision.js), and
// the fields her role gets (lib/field-access.js). Applied once per request (a list's page, a view,
// a realtime message) rather than per record in onRecordEnrich: PocketBase calls a JS hook per
// record there, about half a millisecond each, which made a city's 20,000 assets take 30 s
// through the records API (issue 18). Plain CommonJS, read by assets.pb.js and the tests.

/**
 * Whether a reader gets assets as stored: superusers, and roles with the stored point and every
 * field (field-access.js `assetsAsStored`). Others (viewers, and anyone unknown) get them changed.
 * @param {core.Record | null | undefined} auth
 */
function getsAssetsAsStored(auth) {
	if (!auth) return false;
	if (auth.isSuperuser()) return true;
	if (auth.collection().name !== 'users') return false;
	const { seesExactPoint } = require(`${__hooks}/lib/precision.js`);
	const { getsAsStored } = require(`${__hooks}/lib/field-access.js`);
	return seesExactPoint(auth) && getsAsStored('assets', auth.getString('role'));
}

/**
 * Changes the response copies of `records` (assets) to what `auth` may get: the public point
 * (and no street when only the area may be known) and none of the fields her role does not get.
 * @param {core.Record | null | undefined} auth
 * @param {core.Record[]} records
 */
function protectAssets(auth, records) {
	if (records.length === 0 || getsAssetsAsStored(auth)) return;
	const { coarsen } = require(`${__hooks}/lib/precision.js`);
	const access = require(`${__hooks}/lib/field-access.js`);
	const isUser = !!auth && auth.collection().name === 'users';
	const role = isUser ? auth.getString('role') : '';
	// The fields to drop are the same for every record unless one is kept to its owner.
	const perRecord =
		isUser &&
		Object.keys(access.FIELDS.assets.fields).some(
			(field) => access.fieldLevel('assets', field, role) === 'own'
		);
	const dropped =
		isUser && !perRecord ? access.droppedFields('assets', role, () => '', auth.id) : [];
	for (const record of records) {
		coarsen(record);
		const fields = perRecord
			? access.droppedFields('assets', role, (f) => record.getString(f), auth.id)
			: dropped;
		for (const field of fields) record.hide(field);
	}
}

/**
 * Whether a realtime topic is about assets: by the collection's name or id, any of PocketBase's
 * forms (`assets/*`, `assets/<id>`, the old `assets`, each with `?options=…`).
 * @param {core.App} app @param {string} topic
 */
function isAssetTopic(app, topic) {
	const collection = String(topic).split(/[/?]/)[0];
	if (collection === 'assets') return true;
	try {
		return collection === app.findCachedCollectionByNameOrId('assets').id;
	} catch {
		return false;
	}
}

/**
 * A realtime message about an asset, as `auth` may get it: the same as protectAssets, on the
 * message's JSON (PocketBase built it from the stored record). The public point is read from the
 * database; a deleted asset's message keeps no point at all (the app only removes it by id).
 * @param {core.App} app
 * @param {core.Record | null | undefined} auth
 * @param {string} data the message's JSON: `{ action, record }`
 * @returns {string | null} the changed JSON, or null when it may go as it is
 */
function protectAssetMessage(app, auth, data) {
	if (getsAssetsAsStored(auth)) return null;
	let message;
	try {
		message = JSON.parse(data);
	} catch {
		return null; // not a record event (PB_CONNECT)
	}
	const record = message && message.record;
	if (!record || typeof record !== 'object' || !record.id) return null;
	const { droppedFields } = require(`${__hooks}/lib/field-access.js`);
	const isUser = !!auth && auth.collection().name === 'users';
	const role = isUser ? auth.getString('role') : 'viewer';
	let stored = null;
	try {
		stored = app.findRecordById('assets', record.id);
	} catch {
		// deleted: no point at all
	}
	const precision = stored ? stored.getString('precision') : String(record.precision || '');
	if (precision !== 'exact' || !stored) {
		if ('location' in record) {
			const point = stored ? stored.get('publicLocation') : null;
			if (point) record.location = { lon: point.lon, lat: point.lat };
			else delete record.location;
		}
		if (precision !== 'street' && 'street' in record) record.street = '';
	}
	const valueOf = (field) =>
		stored ? stored.getString(field) : String(record[field] == null ? '' : record[field]);
	for (const field of droppedFields('assets', role, valueOf, isUser ? auth.id : '')) {
		delete record[field];
	}
	return JSON.stringify(message);
}

module.exports = { getsAssetsAsStored, isAssetTopic, protectAssets, protectAssetMessage };
