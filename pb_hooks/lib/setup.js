// The first run of a new instance (pb_hooks/setup.pb.js): one-time setup links (only their sha256
// kept, pb_migrations/1763903200_create_setup_tokens.js), the first admin, and a gemeente's wijken
// and buurten loaded as areas from the bundled CBS boundaries (pb_hooks/data/cbs/, packed by
// scripts/cbs/pack.mjs: gemeenten CBS 2024, buurten CBS 2016) without internet.
// The pure parts (findGemeente, decodeGeometry, setupProblems) run in Node too (tests).

const TOKEN_LENGTH = 43;
const TOKEN_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const TOKEN_PATTERN = /^[A-Za-z0-9]{43}$/;
const HOUR_MS = 60 * 60 * 1000;
/** How long a setup link works. */
const LINK_MS = HOUR_MS;
const NOT_FOUND = 'Deze link bestaat niet (meer). / This link does not exist (any more).';
const EMAIL_PATTERN = /^[^\s@<>(),;:"[\]\\]+@[^\s@<>(),;:"[\]\\]+\.[^\s@<>(),;:"[\]\\]+$/;
const SCALE = 1e5;
/** Under this share of its area covered by bundled buurten, setup says the rest must be imported. */
const COVERAGE_ENOUGH = 90;

/** @param {number} ms @returns {string} a PocketBase date ('2026-11-23 10:15:00.000Z') */
const pbDate = (ms) => new Date(ms).toISOString().replace('T', ' ');

/** @param {string} value a PocketBase date @returns {number} ms, NaN when empty */
const msOf = (value) => (value ? Date.parse(String(value).replace(' ', 'T')) : NaN);

/**
 * The index entry as an object.
 * @param {[string, string, number, number, number]} row [code, name, wijken, buurten, coverage %]
 */
function entryOf(row) {
	return { code: row[0], name: row[1], wijken: row[2], buurten: row[3], coverage: row[4] };
}

/**
 * The gemeente a query names: its CBS code ("GM0014", "0014", "14") or its name, case and
 * accents aside ("groningen", "'s-Gravenhage"); a unique name start as well. null when none or
 * several fit (`ambiguous` then lists them).
 *
 * @example findGemeente(index, 'gm0344').gemeente.name // 'Utrecht'
 * @param {{ gemeenten: [string, string, number, number, number][] }} index
 * @param {string} query
 * @returns {{ gemeente: ReturnType<typeof entryOf> | null, ambiguous: string[] }}
 */
function findGemeente(index, query) {
	const q = String(query || '').trim();
	const rows = index.gemeenten;
	const none = { gemeente: null, ambiguous: [] };
	if (!q) return none;
	const digits = /^(?:gm)?\s*(\d{1,4})$/i.exec(q);
	if (digits) {
		const code = 'GM' + ('0000' + digits[1]).slice(-4);
		const row = rows.find((r) => r[0] === code);
		return row ? { gemeente: entryOf(row), ambiguous: [] } : none;
	}
	const norm = (/** @type {string} */ s) =>
		s
			.toLowerCase()
			.normalize('NFD')
			.replace(/[\u0300-\u036f]/g, '')
			.replace(/[^a-z0-9]+/g, ' ')
			.trim();
	const n = norm(q);
	const exact = rows.filter((r) => norm(r[1]) === n);
	if (exact.length === 1) return { gemeente: entryOf(exact[0]), ambiguous: [] };
	const starts = rows.filter((r) => norm(r[1]).indexOf(n) === 0);
	if (starts.length === 1) return { gemeente: entryOf(starts[0]), ambiguous: [] };
	return { gemeente: null, ambiguous: starts.map((r) => `${r[1]} (${r[0]})`) };
}

/**
 * A packed geometry (scripts/cbs/pack.mjs encodeGeometry) as GeoJSON: polygons of rings, each a
 * flat list of integers, the first position in 1e-5 degrees and then differences.
 *
 * @example decodeGeometry([[[500000, 5200000, 1, 0, 0, 1, -1, -1]]]).type // 'Polygon'
 * @param {number[][][]} packed
 */
function decodeGeometry(packed) {
	const polygons = packed.map((polygon) =>
		polygon.map((flat) => {
			const ring = [];
			let x = 0;
			let y = 0;
			for (let i = 0; i + 1 < flat.length; i += 2) {
				x += flat[i];
				y += flat[i + 1];
				ring.push([x / SCALE, y / SCALE]);
			}
			const first = ring[0];
			const last = ring[ring.length - 1];
			if (first && (first[0] !== last[0] || first[1] !== last[1])) ring.push([first[0], first[1]]);
			return ring;
		})
	);
	return polygons.length === 1
		? { type: 'Polygon', coordinates: polygons[0] }
		: { type: 'MultiPolygon', coordinates: polygons };
}

/**
 * What is wrong with a first admin's details, per field, in Dutch and English; {} when nothing.
 * `passwordProblem` is lib/security.js's (Dutch only), passed in so this runs in Node too.
 *
 * @param {{ name?: unknown, email?: unknown, password?: unknown, passwordConfirm?: unknown }} body
 * @param {(password: string, email: string) => string} passwordProblem
 * @param {{ needName?: boolean, needEmail?: boolean }} [need]
 * @returns {Record<string, string>}
 */
function setupProblems(body, passwordProblem, need) {
	const wants = need || { needName: true, needEmail: true };
	const problems = {};
	const name = typeof body.name === 'string' ? body.name.trim() : '';
	const email = typeof body.email === 'string' ? body.email.trim() : '';
	const password = typeof body.password === 'string' ? body.password : '';
	if (wants.needName && (name === '' || name.length > 200)) {
		problems.name =
			'Vul je naam in (hoogstens 200 tekens). / Enter your name (at most 200 characters).';
	}
	if (wants.needEmail && (email.length > 254 || !EMAIL_PATTERN.test(email))) {
		problems.email = 'Vul een geldig e-mailadres in. / Enter a valid e-mail address.';
	}
	if (password.length > 72) {
		problems.password = 'Gebruik hoogstens 72 tekens. / Use at most 72 characters.';
	} else {
		const weak = passwordProblem(password, email);
		if (weak) problems.password = `${weak} / The password is too weak.`;
	}
	if (!problems.password && body.passwordConfirm !== password) {
		problems.passwordConfirm = 'De twee wachtwoorden zijn niet gelijk. / The two passwords differ.';
	}
	return problems;
}

/** The bundled index (pb_hooks/data/cbs/index.json). */
function readIndex() {
	return JSON.parse(toString($os.readFile(`${__hooks}/data/cbs/index.json`)));
}

/** The bundled areas of a gemeente, parents first. @param {string} code 'GM0014' */
function readGemeente(code) {
	if (!/^GM\d{4}$/.test(code)) throw new Error('not a gemeente code: ' + code);
	return JSON.parse(toString($os.readFile(`${__hooks}/data/cbs/${code}.json`)));
}

/** The index without geometry, for the setup page's search list. */
function publicIndex() {
	const index = readIndex();
	return {
		years: index.years,
		credit: index.credit,
		coverageEnough: COVERAGE_ENOUGH,
		gemeenten: index.gemeenten.map(entryOf)
	};
}

/**
 * Loads a gemeente's areas (gemeente ▸ wijk ▸ buurt) in `txApp`; areas whose code exists already
 * are left as they are (so a second run doubles nothing). Returns what it did.
 * @param {core.App} txApp
 * @param {ReturnType<typeof entryOf>} gemeente
 */
function loadGemeente(txApp, gemeente) {
	const packed = readGemeente(gemeente.code);
	const collection = txApp.findCollectionByNameOrId('areas');
	const ids = {};
	let created = 0;
	let existing = 0;
	for (const area of packed.areas) {
		let record;
		try {
			record = txApp.findFirstRecordByData('areas', 'code', area.code);
		} catch {
			record = null;
		}
		if (record) {
			existing++;
		} else {
			record = new Record(collection);
			record.set('code', area.code);
			record.set('name', area.name);
			record.set('level', area.level);
			record.set('parent', area.parent ? ids[area.parent] || '' : '');
			record.set('geometry', decodeGeometry(area.geometry));
			txApp.save(record);
			created++;
		}
		ids[area.code] = record.id;
	}
	return {
		gemeente: { code: gemeente.code, name: gemeente.name, id: ids[gemeente.code] },
		created: created,
		existing: existing,
		wijken: gemeente.wijken,
		buurten: gemeente.buurten,
		coverage: gemeente.coverage,
		buurtenComplete: gemeente.buurten > 0 && gemeente.coverage >= COVERAGE_ENOUGH,
		years: packed.years
	};
}

/** Whether any admin exists. @param {core.App} app */
function adminExists(app) {
	return app.countRecords('users', $dbx.hashExp({ role: 'admin' })) > 0;
}

/** sha256 of a token, hex: what is stored and looked up. */
const hashOf = (token) => $security.sha256(token);

/**
 * A new setup link of `kind`; unused ones of the same kind (and user) stop working. Returns the
 * token (only here, never again) and the record.
 * @param {core.App} txApp @param {'first_admin' | 'password'} kind @param {string} [userId]
 */
function issueToken(txApp, kind, userId) {
	const filter = userId ? 'kind = {:kind} && user = {:user}' : 'kind = {:kind}';
	const old = txApp.findRecordsByFilter('setup_tokens', filter, '', 0, 0, {
		kind: kind,
		user: userId || ''
	});
	for (const record of old) txApp.delete(record);
	const token = $security.randomStringWithAlphabet(TOKEN_LENGTH, TOKEN_ALPHABET);
	const record = new Record(txApp.findCollectionByNameOrId('setup_tokens'));
	record.set('kind', kind);
	record.set('tokenHash', hashOf(token));
	record.set('expiresAt', pbDate(Date.now() + LINK_MS));
	if (userId) record.set('user', userId);
	txApp.save(record);
	return { token: token, record: record };
}

/**
 * The setup token record a token opens, or a 404 that says nothing about why (unknown, used,
 * expired; a first-admin link also once an admin exists).
 * @param {core.App} app @param {string} token
 */
function openToken(app, token) {
	let record = null;
	if (TOKEN_PATTERN.test(token || '')) {
		try {
			record = app.findFirstRecordByData('setup_tokens', 'tokenHash', hashOf(token));
		} catch {
			record = null;
		}
	}
	if (
		!record ||
		record.getString('usedAt') ||
		!(msOf(record.getString('expiresAt')) > Date.now()) ||
		(record.getString('kind') === 'first_admin' && adminExists(app))
	) {
		throw new NotFoundError(NOT_FOUND);
	}
	return record;
}

/**
 * Per-field problems as PocketBase's 400 (its `data` names each field).
 * @param {Record<string, string>} problems
 */
function badRequest(problems) {
	const data = {};
	for (const field of Object.keys(problems)) {
		data[field] = new ValidationError('invalid_' + field, problems[field]);
	}
	return new BadRequestError('Controleer de gemarkeerde velden. / Check the marked fields.', data);
}

module.exports = {
	LINK_MS,
	NOT_FOUND,
	COVERAGE_ENOUGH,
	pbDate,
	entryOf,
	findGemeente,
	decodeGeometry,
	setupProblems,
	readIndex,
	publicIndex,
	loadGemeente,
	adminExists,
	issueToken,
	openToken,
	badRequest
};
