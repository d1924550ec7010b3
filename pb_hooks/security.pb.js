/// <reference path="../pb_data/types.d.ts" />
// Hardening that PocketBase settings cannot express (pb_migrations/1763901600_security_hardening.js
// holds the rest: rate limits, batch size, password length, session length, avatar):
// - security headers on every response, with a Content-Security-Policy for the app that allows
//   the inline bootstrap script of the build by its hash;
// - a body size limit per route (2 MB; 5 MB for areas, whose geometry may hold 4 MB);
// - a lock after repeated failed sign-ins (PocketBase's limiter counts every sign-in alike);
// - a password policy beyond the length, with the reason in Dutch (users.pb.js, lib/security.js);
// - KRACHTKAART_LOG_IP=1 puts IP addresses back into the request log (for an incident).

// In memory only: the stored setting (1763900000_app_settings.js) keeps IPs out. Set at every
// load of the settings, at the start and whenever another process on the same data dir (a
// `pocketbase` command) changed them, which PocketBase 0.38+ reloads from the database.
onSettingsReload((e) => {
	e.next();
	if ($os.getenv('KRACHTKAART_LOG_IP') === '1') e.app.settings().logs.logIP = true;
});

// Priority -1005: after PocketBase's own security headers (-1010), whose X-Frame-Options this
// tightens, and before its rate limiter (-1000), so a 429 carries the headers too. A JS
// middleware holds a hook VM for the whole request, so it stays lean: no require on the way
// (a VM made for a busy moment has no module cache), constants inline.
routerUse(
	new Middleware(
		(e) => {
			const path = e.request.url.path;
			const header = e.response.header();
			header.set('X-Content-Type-Options', 'nosniff');
			header.set('X-Frame-Options', 'DENY');
			// The origin only, never the path (it holds map positions and record ids);
			// OpenStreetMap's tile policy asks for a Referer, which same-origin would drop.
			header.set('Referrer-Policy', 'strict-origin-when-cross-origin');
			header.set('Permissions-Policy', 'geolocation=(self), camera=(), microphone=()');
			header.set('Cross-Origin-Opener-Policy', 'same-origin');
			// The old XSS auditor is gone from browsers and could be abused where it remains.
			header.set('X-XSS-Protection', '0');
			if (e.request.tls) header.set('Strict-Transport-Security', 'max-age=31536000');

			const api = path === '/api' || path.indexOf('/api/') === 0;
			if (api) {
				// JSON loads nothing. Served files keep PocketBase's sandboxing policy.
				if (path.indexOf('/api/files/') !== 0) {
					header.set('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
				}
			} else if (path !== '/_' && path.indexOf('/_/') !== 0) {
				// The app (the dashboard, /_/, keeps PocketBase's own policy). Its policy holds the
				// hash of the build's inline bootstrap; a page request (no file extension, or .html)
				// checks whether index.html changed (a rebuild while the server runs).
				const store = $app.store();
				const page = !/\.[^/]*$/.test(path) || /\.html$/.test(path);
				let cached = store.get('krachtkaart.appCsp') || '';
				if (!cached || page) {
					const dir = store.get('krachtkaart.publicDir') || '';
					let version = 'none';
					try {
						version = String(
							$os
								.stat(dir + '/index.html')
								.modTime()
								.unixNano()
						);
					} catch {
						// no build (the API alone, or `npm run dev`)
					}
					if (!dir || cached.indexOf(version + '\n') !== 0) {
						cached = require(`${__hooks}/lib/security.js`).currentAppCsp();
					}
				}
				header.set('Content-Security-Policy', cached.slice(cached.indexOf('\n') + 1));
			}

			// 2 MB, 5 MB for an area (its geometry field holds up to 4 MB), none of ours for a batch
			// (settings.batch.maxBodySize) or a backup upload (superusers only, any size). The
			// limit applies to what the handler reads, chunked bodies too, and answers 413: it is
			// PocketBase's body-limit middleware, which calls e.next() itself.
			let limit = 2 * 1024 * 1024;
			if (path === '/api/batch' || path.indexOf('/api/backups') === 0) limit = 0;
			else if (/^\/api\/collections\/(areas|kk_areas)\/records(\/|$)/.test(path)) {
				limit = 5 * 1024 * 1024;
			}
			const records = /^\/api\/collections\/([^/]+)\/records(\/[^/]+)?$/.exec(path);
			const secretPath =
				path.indexOf('/api/krachtkaart/mijn/') === 0 || path.indexOf('/mijn/') === 0;
			try {
				// Filters and sorts, before any query runs: only on fields the role gets in a
				// response, within limits, and a budget of list requests per user
				// (lib/field-access.js).
				const auth = e.auth;
				if ((records || path === '/api/batch') && !(auth && auth.isSuperuser())) {
					require(`${__hooks}/lib/field-access-guard.js`).guardRequest(e, records);
				}
				return $apis.bodyLimit(limit).func(e);
			} finally {
				// The request log keeps URLs for 3 days: nothing a user typed (a filter's search
				// text) and no resident's link code may stand in it, whether the request succeeds
				// or not. The logger reads the URL after this returns.
				if (records || secretPath) e.request.url.rawQuery = '';
				if (secretPath) e.request.url.path = path.slice(0, path.lastIndexOf('/') + 1) + '-';
			}
		},
		-1005,
		'krachtkaartSecurity'
	)
);

// Failed sign-ins, counted in memory per address and account (10 in 15 minutes) and per address
// (30, against trying many accounts): past them, 429 until the window is over, even with the
// right password. A success clears the account's count. Guessing needs failures; a team signing
// in together behind one address does not.
// An unknown identity costs a password check too, so the answer's time does not tell who has an
// account (users and superusers alike).
onRecordAuthWithPasswordRequest((e) => {
	const security = require(`${__hooks}/lib/security.js`);
	const limits = security.FAILED_SIGN_INS;
	const store = $app.store();
	const now = Math.floor(Date.now() / 1000);
	const keys = security.failureKeys(e.collection.name, e.realIP(), e.identity);
	if (
		security.failuresIn(store.get(keys.account), now) >= limits.account ||
		security.failuresIn(store.get(keys.address), now) >= limits.address
	) {
		throw new TooManyRequestsError(
			'Te veel mislukte pogingen om in te loggen; probeer het over een kwartier opnieuw. / ' +
				'Too many failed sign-ins; try again in a quarter of an hour.'
		);
	}
	if (!e.record) security.spendPasswordCheck(e.collection, e.password);
	try {
		e.next();
	} catch (error) {
		// The right password of a coordinator or admin: PocketBase has answered 401 with an mfaId
		// and asks for the mailed code (pb_migrations/1763901800_users_mfa_otp.js). No failure.
		if (e.written() && e.status() === 401) {
			store.remove(keys.account);
			throw error;
		}
		store.set(keys.account, security.withFailure(store.get(keys.account), now));
		store.set(keys.address, security.withFailure(store.get(keys.address), now));
		throw error;
	}
	store.remove(keys.account);
});

// Forget counts whose window is over (an address that stopped trying).
cronAdd('krachtkaartSignInFailures', '*/15 * * * *', () => {
	const security = require(`${__hooks}/lib/security.js`);
	const store = $app.store();
	const now = Math.floor(Date.now() / 1000);
	const all = store.getAll();
	for (const key in all) {
		if (key.indexOf(security.FAILURES_PREFIX) === 0 && security.failuresIn(all[key], now) === 0) {
			store.remove(key);
		}
	}
});
