/// <reference path="../pb_data/types.d.ts" />
// Of a colleague a non-admin gets id, name and role (pb_hooks/lib/field-access.js drops the rest)
// and nothing expanded from her record: a nested expand (`expand=worker.areas` on a conversation)
// is attached to the colleague's record after its enrich hooks ran, so dropping the `areas`
// field there does not drop her expanded areas. Hiding the whole `expand` key does, whenever it
// is filled. Who reads which users at all is the users rules' matter
// (pb_migrations/1763902410_users_read_colleagues.js).
onRecordEnrich((e) => {
	const auth = e.requestInfo && e.requestInfo.auth;
	const whole =
		!!auth &&
		(auth.isSuperuser() ||
			auth.id === e.record.id ||
			(auth.collection().name === 'users' && auth.getString('role') === 'admin'));
	if (!whole) e.record.hide('expand');
	e.next();
}, 'users');
