/// <reference path="../pb_data/types.d.ts" />
// Server-assigned fields that the client must not choose, and field-level privacy that API rules
// cannot express.

// `createdBy` is always the signed-in user, whatever the client sent.
onRecordCreateRequest(
	(e) => {
		if (e.auth && e.auth.collection().name === 'users') {
			e.record.set('createdBy', e.auth.id);
		}
		e.next();
	},
	'assets',
	'people',
	'links'
);

// Conversation notes are restricted: a worker reads only the notes of her own conversations.
onRecordEnrich((e) => {
	const auth = e.requestInfo && e.requestInfo.auth;
	if (auth && auth.collection().name === 'users' && auth.getString('role') === 'worker') {
		if (e.record.getString('worker') !== auth.id) {
			e.record.hide('notes');
		}
	}
	e.next();
}, 'conversations');

// Update rules see the stored record; moving a record to another area is checked here, against
// the area it moves to.
onRecordUpdateRequest(
	(e) => {
		const auth = e.auth;
		if (auth && auth.collection().name === 'users' && auth.getString('role') !== 'admin') {
			const body = e.requestInfo().body || {};
			const target = body.area;
			if (
				target !== undefined &&
				target !== null &&
				target !== e.record.original().getString('area')
			) {
				const { isWithinAreas } = require(`${__hooks}/lib/areas.js`);
				if (!target || !isWithinAreas(e.app, String(target), auth.getStringSlice('areas'))) {
					throw new ForbiddenError(
						'Je kunt dit niet verplaatsen naar een gebied buiten je eigen gebieden.'
					);
				}
			}
		}
		e.next();
	},
	'assets',
	'people',
	'conversations'
);
