/// <reference path="../pb_data/types.d.ts" />
// Hardening that PocketBase settings cannot express (pb_migrations/1763901600_security_hardening.js
// holds the rest: rate limits, batch size, password length, session length, avatar):
// - security headers on every response, with a Content-Security-Policy for the app that allows
//   the inline bootstrap script of the build by its hash;
// - a body size limit per route (2 MB; 5 MB for areas, whose geometry may hold 4 MB);
// - a lock after repeated failed sign-ins (PocketBase's limiter counts every sign-in alike);
// - a password policy beyond the length, with the reason in Dutch;
// - KRACHTKAART_LOG_IP=1 puts IP addresses back into the request log (for an incident).

onBootstrap((e) => {
	e.next();
	// In memory only: the stored setting (1763900000_app_settings.js) keeps IPs out.
	if ($os.getenv('KRACHTKAART_LOG_IP') === '1') e.app.settings().logs.logIP = true;
});

// Priority -1005: after PocketBase's own security headers (-1010), whose X-Frame-Options this
// tightens, and before its rate limiter (-1000), so a 429 carries the headers too. A JS
// middleware holds a hook VM for the whole request; this is the only one.
routerUse(
	new Middleware(
		(e) => {
			const security = require(`${__hooks}/lib/security.js`);
			const path = e.request.url.path;
			const header = e.response.header();
			for (const name in security.COMMON_HEADERS) header.set(name, security.COMMON_HEADERS[name]);
			if (e.request.tls) header.set('Strict-Transport-Security', 'max-age=31536000');

			const kind = security.cspKind(path);
			if (kind === 'api') header.set('Content-Security-Policy', security.API_CSP);
			if (kind === 'app') {
				// The policy depends on the build's index.html: computed once per build (a rebuild
				// while the server runs changes the hash, so the file's time is checked).
				const store = $app.store();
				let dir = store.get('krachtkaart.publicDir');
				if (!dir) {
					dir = security.publicDirFromArgs($os.args);
					store.set('krachtkaart.publicDir', dir);
				}
				const version = (() => {
					try {
						return String(
							$os
								.stat(dir + '/index.html')
								.modTime()
								.unixNano()
						);
					} catch {
						return 'none';
					}
				})();
				const cached = store.get('krachtkaart.appCsp') || '';
				let csp = cached.indexOf(version + '\n') === 0 ? cached.slice(version.length + 1) : '';
				if (!csp) {
					const hashes = [];
					if (version !== 'none') {
						const html = toString($os.readFile(dir + '/index.html'));
						for (const script of security.inlineScripts(html)) {
							hashes.push('sha256-' + security.hexToBase64($security.sha256(script)));
						}
					}
					csp = security.appCsp({
						scriptHashes: hashes,
						styleUrl: $os.getenv('KRACHTKAART_BASEMAP_STYLE_URL')
					});
					store.set('krachtkaart.appCsp', version + '\n' + csp);
				}
				header.set('Content-Security-Policy', csp);
			}

			// The limit applies to what the handler reads, chunked bodies too, and answers 413 (a
			// PocketBase body-limit middleware that also calls e.next()).
			return $apis.bodyLimit(security.bodyLimitFor(path)).func(e);
		},
		-1005,
		'krachtkaartSecurity'
	)
);

// The password policy on every save of a user with a new password: the API (sign-up by an
// admin, her own change), the dashboard and imports. PocketBase checks the length again.
onRecordValidate((e) => {
	const password = e.record.getString('password');
	if (password) {
		const problem = require(`${__hooks}/lib/security.js`).passwordProblem(
			password,
			e.record.getString('email')
		);
		if (problem) {
			throw new BadRequestError('Wachtwoord niet sterk genoeg / password too weak', {
				password: new ValidationError('weak_password', problem)
			});
		}
	}
	e.next();
}, 'users');

// Failed sign-ins, counted in memory per address and account (10 in 15 minutes) and per address
// (30, against trying many accounts): past them, 429 until the window is over, even with the
// right password. A success clears the account's count. Guessing needs failures; a team signing
// in together behind one address does not.
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
	try {
		e.next();
	} catch (error) {
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
