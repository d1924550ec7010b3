/// <reference path="../pb_data/types.d.ts" />
// A person's consent (lib/consent.js) on direct writes of `people` through the API: a malformed
// consent is refused with the part named; for app users a first name needs `first_name`, contact
// details need `contact`, while the consent runs. Withdrawing a scope clears what it allowed:
// the field itself, her name in her assets' titles, and an exact point when `exact_location`
// goes. People grown from a conversation are made by the server (lib/conversation-growth.js).

onRecordCreateRequest((e) => {
	require(`${__hooks}/lib/consent.js`).guardPersonWrite(e);
	e.next();
}, 'people');

onRecordUpdateRequest((e) => {
	const withdrawn = require(`${__hooks}/lib/consent.js`).guardPersonWrite(e);
	if (withdrawn.cleared.length === 0 && !withdrawn.exactWithdrawn) {
		e.next();
		return;
	}
	// Her record and what her assets show of her change together, or not at all; the audit entry
	// names what the withdrawal cleared (the request's own entry names only what was sent).
	const auth = e.auth;
	const door = require(`${__hooks}/lib/retention.js`).doorOf(e.app, e.record.original());
	require(`${__hooks}/lib/transaction.js`).inSaveTransaction(e, (txApp) => {
		e.next();
		const assets =
			withdrawn.formerName || withdrawn.exactWithdrawn
				? require(`${__hooks}/lib/retention.js`).neutraliseAssets(txApp, e.record.id, {
						name: withdrawn.formerName,
						street: door.street,
						streetArea: door.streetArea,
						exact: withdrawn.exactWithdrawn
					})
				: 0;
		require(`${__hooks}/lib/audit.js`).writeAudit(txApp, {
			auth: auth,
			action: 'update',
			collection: 'people',
			id: e.record.id,
			details: { consentWithdrawn: withdrawn.cleared, assets: assets }
		});
	});
}, 'people');
