/// <reference path="../pb_data/types.d.ts" />
// The e-mailed code is a second step only: it is sent only to an account that the users
// collection's MFA rule applies to (coordinators and admins, pb_migrations/1763901800_users_mfa_otp.js),
// so workers and viewers keep signing in with their password alone and nobody signs in with a
// code alone. Anyone else gets the answer of an unknown address (PocketBase's dummy otpId, no
// mail), which tells nothing about roles.
onRecordRequestOTPRequest((e) => {
	if (e.record) {
		const mfa = e.collection.mfa;
		let applies = mfa.enabled && !mfa.rule;
		if (mfa.enabled && mfa.rule) {
			try {
				e.app.findFirstRecordByFilter(e.collection.id, `id = {:id} && (${mfa.rule})`, {
					id: e.record.id
				});
				applies = true;
			} catch {
				// not found: the rule does not apply to her
			}
		}
		if (!applies) e.record = null;
	}
	e.next();
}, 'users');
