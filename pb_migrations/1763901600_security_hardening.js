/// <reference path="../pb_data/types.d.ts" />
// Hardening PocketBase itself: its rate limiter on (off by default), request body limits for
// batches, a minimum password length, a deliberate session length and an avatar that can only
// be a small image. Security headers and the per-route body limits live in pb_hooks/security.pb.js,
// the password policy beyond its length in pb_hooks/users.pb.js (with lib/security.js).

/** A rule per label, per client IP (PocketBase's fixed window: maxRequests per duration in s). */
const RATE_LIMIT_RULES = [
	// Signing in (password, OAuth2, OTP) on every auth collection, superusers included: 40 a
	// minute per IP, PocketBase's own rate, counted whether the attempt succeeds or not. Against
	// guessing, pb_hooks/security.pb.js also locks an address after 10 failures on one account
	// (30 on any) in 15 minutes; this limit is for floods, and leaves room for a team signing in
	// together behind one address, or the e2e suite (19 sign-ins from 127.0.0.1 in a minute).
	{ label: '*:auth', maxRequests: 40, duration: 60, audience: '' },
	// Requests that send mail: against mail bombing (no mail is configured yet).
	{ label: '*:requestPasswordReset', maxRequests: 5, duration: 60, audience: '' },
	{ label: '*:requestVerification', maxRequests: 5, duration: 60, audience: '' },
	{ label: '*:requestEmailChange', maxRequests: 5, duration: 60, audience: '' },
	{ label: '*:requestOTP', maxRequests: 5, duration: 60, audience: '' },
	// Batches: the app sends none itself (imports and the demo run as superusers, who are never
	// limited).
	{ label: '/api/batch', maxRequests: 20, duration: 10, audience: '' },
	// Everything else, per IP: signed out, a client can only reach the login page's few requests;
	// signed in, only floods are stopped. Generous, because a whole team may share one address
	// (an office network, or a proxy without trusted proxy headers): 50 workers syncing their
	// outbox, or the server's burst ceiling of about 250 saves a second, stay well below it.
	{ label: '/api/', maxRequests: 300, duration: 10, audience: '@guest' },
	{ label: '/api/', maxRequests: 5000, duration: 10, audience: '@auth' }
];

/** What PocketBase 0.36.8 ships with (core/settings_model.go; 0.40.4 the same), restored by `down`. */
const POCKETBASE_DEFAULT_RULES = [
	{ label: '*:auth', maxRequests: 2, duration: 3, audience: '' },
	{ label: '*:create', maxRequests: 20, duration: 5, audience: '' },
	{ label: '/api/batch', maxRequests: 3, duration: 1, audience: '' },
	{ label: '/api/', maxRequests: 300, duration: 10, audience: '' }
];

/**
 * A batch carries up to 200 requests (1763900000_app_settings.js). The largest real one, the
 * demo's wijken in one batch with their geometries, is 0.3 MB; 8 MB leaves room for imports of
 * detailed boundaries (PocketBase's default is 128 MB).
 */
const BATCH_MAX_BODY = 8 * 1024 * 1024;

const MIN_PASSWORD_LENGTH = 12;
/** Seven days: the app keeps the outbox through an expired session (src/lib/sync/outbox.ts). */
const USER_SESSION_SECONDS = 7 * 24 * 60 * 60;
const AVATAR_MAX_BYTES = 1024 * 1024;

migrate(
	(app) => {
		const settings = app.settings();
		unmarshal(
			{
				rateLimits: { enabled: true, rules: RATE_LIMIT_RULES },
				batch: { maxBodySize: BATCH_MAX_BODY }
			},
			settings
		);
		app.save(settings);

		const users = app.findCollectionByNameOrId('users');
		users.fields.getByName('password').min = MIN_PASSWORD_LENGTH;
		users.authToken.duration = USER_SESSION_SECONDS;
		const avatar = users.fields.getByName('avatar');
		if (avatar) {
			// No SVG (it can carry script) and no GIF; protected: a worker's face is personal data,
			// so a file token (a signed-in user) is needed to see it.
			avatar.mimeTypes = ['image/jpeg', 'image/png', 'image/webp'];
			avatar.maxSize = AVATAR_MAX_BYTES;
			avatar.protected = true;
		}
		app.save(users);

		const superusers = app.findCollectionByNameOrId('_superusers');
		superusers.fields.getByName('password').min = MIN_PASSWORD_LENGTH;
		app.save(superusers);
	},
	(app) => {
		const settings = app.settings();
		unmarshal(
			{
				rateLimits: { enabled: false, rules: POCKETBASE_DEFAULT_RULES },
				batch: { maxBodySize: 0 }
			},
			settings
		);
		app.save(settings);

		const users = app.findCollectionByNameOrId('users');
		users.fields.getByName('password').min = 8;
		const avatar = users.fields.getByName('avatar');
		if (avatar) {
			avatar.mimeTypes = ['image/jpeg', 'image/png', 'image/svg+xml', 'image/gif', 'image/webp'];
			avatar.maxSize = 0;
			avatar.protected = false;
		}
		app.save(users);

		const superusers = app.findCollectionByNameOrId('_superusers');
		superusers.fields.getByName('password').min = 8;
		app.save(superusers);
	}
);
