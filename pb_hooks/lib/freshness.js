// Freshness of an asset: `confirmedAt` and `confirmedBy` say when someone last confirmed that it
// still exists as described. Only the server writes them for app users (pb_hooks/assets.pb.js).

/** Editing any of these is a confirmation too: whoever edits has just looked at the asset. */
const CONTENT_FIELDS = [
	'title',
	'description',
	'kind',
	'themes',
	'domain',
	'gifts',
	'location',
	'precision',
	'status'
];

/** @param {core.Record} record @returns {boolean} a content field differs from the stored one */
function contentChanged(record) {
	const original = record.original();
	// JSON compares every field type alike: text, select lists and geoPoints.
	return CONTENT_FIELDS.some(
		(name) => JSON.stringify(record.get(name)) !== JSON.stringify(original.get(name))
	);
}

/** @param {core.Record} record @param {string} userId */
function stamp(record, userId) {
	record.set('confirmedAt', new DateTime());
	record.set('confirmedBy', userId);
}

/** Undoes whatever the client sent for the two fields. @param {core.Record} record */
function keepStamp(record) {
	const original = record.original();
	record.set('confirmedAt', original.get('confirmedAt'));
	record.set('confirmedBy', original.get('confirmedBy'));
}

module.exports = { CONTENT_FIELDS, contentChanged, stamp, keepStamp };
