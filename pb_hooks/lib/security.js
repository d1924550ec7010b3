// For pb_hooks/security.pb.js: the app's Content-Security-Policy (from the build's index.html),
// the count of failed sign-ins, the equal time of a sign-in to an unknown identity and the
// password policy. Plain functions of their inputs, but for currentAppCsp, which reads the build,
// and spendPasswordCheck, which keeps a record in the app's store.

/** The OpenStreetMap raster tiles of the online basemap (src/lib/map/basemap.ts, OSM_TILE_URL). */
const OSM_TILES = 'https://tile.openstreetmap.org';
/** PDOK, whose BRT-Achtergrondkaart is the basemap unless a style URL is configured (basemap.ts). */
const PDOK = 'https://api.pdok.nl';

/**
 * The origin of a basemap style URL, or '' when it is not a plain http(s) URL (anything odd must
 * never reach a header).
 *
 * @example styleOrigin('https://tiles.example.nl/styles/basis.json') // 'https://tiles.example.nl'
 * @param {string} url
 */
function styleOrigin(url) {
	const match = /^(https?:\/\/[A-Za-z0-9.-]+(?::[0-9]{1,5})?)(?:[/?#]|$)/.exec(url || '');
	return match ? match[1].toLowerCase() : '';
}

/**
 * The app's policy. Scripts: our own files and the inline bootstrap SvelteKit writes into the
 * fallback page, by hash. MapLibre runs its workers from blob: URLs, Svelte sets inline style
 * attributes, the basemap loads PDOK's style and tiles (or a configured style's origin instead), and
 * OpenStreetMap tiles when that style cannot be read.
 *
 * @param {{ scriptHashes: string[], styleUrl: string }} options hashes as 'sha256-…'
 */
function appCsp(options) {
	const remote = [OSM_TILES];
	const origin = options.styleUrl ? styleOrigin(options.styleUrl) : PDOK;
	if (origin && remote.indexOf(origin) < 0) remote.push(origin);
	const hashes = options.scriptHashes.map((h) => "'" + h + "'");
	return [
		"default-src 'self'",
		['script-src', "'self'"].concat(hashes).join(' '),
		"style-src 'self' 'unsafe-inline'",
		['img-src', "'self'", 'data:', 'blob:'].concat(remote).join(' '),
		"font-src 'self' data:",
		['connect-src', "'self'"].concat(remote).join(' '),
		"worker-src 'self' blob:",
		"child-src 'self' blob:",
		"manifest-src 'self'",
		"object-src 'none'",
		"base-uri 'self'",
		"form-action 'self'",
		"frame-ancestors 'none'"
	].join('; ');
}

/**
 * The contents of the inline scripts in a page (those without src), exactly as the browser
 * hashes them.
 *
 * @param {string} html
 */
function inlineScripts(html) {
	const scripts = [];
	const pattern = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
	let match;
	while ((match = pattern.exec(html)) !== null) {
		if (/\bsrc\s*=/i.test(match[1]) || match[2] === '') continue;
		scripts.push(match[2]);
	}
	return scripts;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * Hex (what $security.sha256 returns) to base64 (what a CSP hash source holds).
 *
 * @example hexToBase64('ff') // '/w=='
 * @param {string} hex
 */
function hexToBase64(hex) {
	const bytes = [];
	for (let i = 0; i + 1 < hex.length; i += 2) bytes.push(parseInt(hex.slice(i, i + 2), 16));
	let out = '';
	for (let i = 0; i < bytes.length; i += 3) {
		const n = (bytes[i] << 16) | ((bytes[i + 1] || 0) << 8) | (bytes[i + 2] || 0);
		out += BASE64[(n >> 18) & 63] + BASE64[(n >> 12) & 63];
		out += i + 1 < bytes.length ? BASE64[(n >> 6) & 63] : '=';
		out += i + 2 < bytes.length ? BASE64[n & 63] : '=';
	}
	return out;
}

/**
 * The directory PocketBase serves the app from: `--publicDir` as `serve` got it, else its
 * default next to the executable (examples/base/main.go).
 *
 * @example publicDirFromArgs(['pocketbase', 'serve', '--publicDir=build']) // 'build'
 * @param {string[]} args
 */
function publicDirFromArgs(args) {
	for (let i = 1; i < args.length; i++) {
		const arg = args[i];
		if (arg.indexOf('--publicDir=') === 0) return arg.slice('--publicDir='.length);
		if (arg === '--publicDir' && i + 1 < args.length) return args[i + 1];
	}
	return args[0] + '/../pb_public';
}

/**
 * The app's policy for the build being served, computed and kept in the app's store as
 * '<index.html time>\n<policy>' (what the middleware reads on every request).
 *
 * @returns {string} the stored value
 */
function currentAppCsp() {
	const store = $app.store();
	let dir = store.get('krachtkaart.publicDir');
	if (!dir) {
		dir = publicDirFromArgs($os.args);
		store.set('krachtkaart.publicDir', dir);
	}
	let version = 'none';
	const hashes = [];
	try {
		version = String(
			$os
				.stat(dir + '/index.html')
				.modTime()
				.unixNano()
		);
		const html = toString($os.readFile(dir + '/index.html'));
		for (const script of inlineScripts(html)) {
			hashes.push('sha256-' + hexToBase64($security.sha256(script)));
		}
	} catch {
		// no build: only our own script files
	}
	const value =
		version +
		'\n' +
		appCsp({ scriptHashes: hashes, styleUrl: $os.getenv('KRACHTKAART_BASEMAP_STYLE_URL') });
	store.set('krachtkaart.appCsp', value);
	return value;
}

/** Failed sign-ins allowed per window: per address and account, and per address overall. */
const FAILED_SIGN_INS = { account: 10, address: 30, windowSeconds: 15 * 60 };
const FAILURES_PREFIX = 'krachtkaart.signInFailures.';

/**
 * The keys in the app's store (memory only, never logged) that count failed sign-ins to an auth
 * collection from an address: for one account, and for all of them.
 *
 * @param {string} collection @param {string} ip @param {string} identity
 */
function failureKeys(collection, ip, identity) {
	const address = FAILURES_PREFIX + collection + '|' + ip;
	return { address: address, account: address + '|' + String(identity).trim().toLowerCase() };
}

/**
 * The failures a stored count ('count,windowStart') holds at `now` (seconds): 0 once its window
 * is over.
 *
 * @example failuresIn('3,1000', 1100) // 3
 * @param {unknown} value @param {number} now
 */
function failuresIn(value, now) {
	const parts = String(value || '').split(',');
	const start = Number(parts[1]);
	if (!value || !(now - start < FAILED_SIGN_INS.windowSeconds)) return 0;
	return Number(parts[0]) || 0;
}

/**
 * The stored count after one more failure at `now`.
 *
 * @example withFailure('3,1000', 1100) // '4,1000'
 * @param {unknown} value @param {number} now
 */
function withFailure(value, now) {
	const count = failuresIn(value, now);
	return count === 0 ? '1,' + now : count + 1 + ',' + String(value).split(',')[1];
}

const DUMMY_PASSWORD_PREFIX = 'krachtkaart.dummyPassword.';

/**
 * Spends one password check, as long as a real one, for a sign-in to an identity that does not
 * exist: without it PocketBase answers an unknown address at once and a known one after its
 * bcrypt check, so the answer's time tells who has an account. The check runs against a record
 * of the same collection (so the same bcrypt cost) with a random password, made once per
 * collection and kept in the app's store (memory only).
 *
 * @param {core.Collection} collection @param {string} password what she typed
 */
function spendPasswordCheck(collection, password) {
	const store = $app.store();
	const key = DUMMY_PASSWORD_PREFIX + collection.id;
	let dummy = store.get(key);
	if (!dummy) {
		dummy = new Record(collection);
		dummy.setPassword($security.randomString(32));
		store.set(key, dummy);
	}
	dummy.validatePassword(password);
}

/** Far too common to be a password, whatever digits or signs are added around them. */
const COMMON_WORDS = [
	'password',
	'wachtwoord',
	'welkom',
	'welcome',
	'qwerty',
	'azerty',
	'qwertz',
	'letmein',
	'iloveyou',
	'admin',
	'administrator',
	'geheim',
	'secret',
	'krachtkaart',
	'abc',
	'abcdef',
	'test'
];

/**
 * Why a new password is too weak, in Dutch, or '' when it is fine. At least 12 characters, two
 * kinds of characters (lower case, upper case, digits, other), six different characters, some
 * letters, not the email's name, and not a common word with digits or signs around it.
 *
 * @example passwordProblem('krachtkaart-demo', 'worker@example.org') // ''
 * @example passwordProblem('Wachtwoord2024!', 'a@example.org') // 'Dit wachtwoord is te gangbaar…'
 * @param {string} password @param {string} email
 */
function passwordProblem(password, email) {
	if (password.length < 12) return 'Gebruik minstens 12 tekens.';
	let kinds = 0;
	if (/[a-z]/.test(password)) kinds++;
	if (/[A-Z]/.test(password)) kinds++;
	if (/[0-9]/.test(password)) kinds++;
	if (/[^a-zA-Z0-9]/.test(password)) kinds++;
	if (kinds < 2) {
		return 'Gebruik minstens twee soorten tekens: kleine letters, hoofdletters, cijfers of andere tekens.';
	}
	const distinct = {};
	for (const c of password.toLowerCase()) distinct[c] = true;
	if (Object.keys(distinct).length < 6) return 'Dit wachtwoord herhaalt te veel dezelfde tekens.';
	const lower = password.toLowerCase();
	const name = (email || '').toLowerCase().split('@')[0];
	const parts = [name].concat(name.split(/[^a-z0-9]+/).filter((p) => p.length >= 4));
	for (const part of parts) {
		if (part.length >= 3 && lower.indexOf(part) >= 0) {
			return 'Het wachtwoord mag de naam uit je e-mailadres niet bevatten.';
		}
	}
	const letters = lower.replace(/[^a-z]/g, '');
	if (letters === '') return 'Gebruik ook letters, niet alleen cijfers en andere tekens.';
	if (COMMON_WORDS.indexOf(letters) >= 0) {
		return 'Dit wachtwoord is te gangbaar: kies iets dat niet voor de hand ligt, bijvoorbeeld een paar losse woorden.';
	}
	return '';
}

module.exports = {
	styleOrigin,
	appCsp,
	inlineScripts,
	hexToBase64,
	publicDirFromArgs,
	currentAppCsp,
	FAILED_SIGN_INS,
	FAILURES_PREFIX,
	failureKeys,
	failuresIn,
	withFailure,
	spendPasswordCheck,
	passwordProblem
};
