// Bulk imports (pb_hooks/import.pb.js): who may import into which areas, and the staging of rows.
// A client (the page /beheer/import or scripts/import.mjs) parses and checks a file itself
// (src/lib/import/), then sends its rows in chunks under the 2 MB body limit
// (POST /api/krachtkaart/import/<kind>/chunk) and commits them (…/commit): the server checks every
// row again, and writes all of them in one transaction or none. Staged chunks live in memory
// ($app.store()) for an hour, bound to the user who sent them.

const KINDS = ['addresses', 'areas', 'assets'];
const STAGE_TTL_MS = 60 * 60 * 1000;
const MAX_CHUNKS = 1000;
const MAX_ROWS = 500000;
const INDEX_KEY = 'krachtkaart.import.jobs';

/**
 * Who imports, and into which areas: admins and superusers everywhere, coordinators within their
 * areas (and up to two levels below), nobody else. Throws before anything is read.
 * @param {core.RequestEvent} e
 * @returns {{ everything: boolean, mine: string[], owner: string }}
 */
function importer(e) {
	const auth = e.auth;
	if (!auth) throw new UnauthorizedError('Log eerst in / sign in first.');
	if (auth.isSuperuser()) return { everything: true, mine: [], owner: 'su:' + auth.id };
	const role = auth.getString('role');
	if (role === 'admin') return { everything: true, mine: [], owner: auth.id };
	if (role === 'coordinator') {
		return { everything: false, mine: auth.getStringSlice('areas'), owner: auth.id };
	}
	throw new ForbiddenError(
		'Alleen beheerders en coördinatoren importeren / only admins and coordinators import.'
	);
}

/**
 * @param {string} kind
 * @param {{ everything: boolean }} who areas are the instance's reference data: admins only
 */
function requireKind(kind, who) {
	if (KINDS.indexOf(kind) < 0) {
		throw new BadRequestError('Onbekende soort import / unknown kind of import: ' + kind);
	}
	if (kind === 'areas' && !who.everything) {
		throw new ForbiddenError('Alleen beheerders importeren gebieden / only admins import areas.');
	}
}

/** @param {unknown} job */
function requireJob(job) {
	if (typeof job !== 'string' || !/^[a-z0-9]{15}$/.test(job)) {
		throw new BadRequestError('job: 15 letters of cijfers / 15 letters or digits.');
	}
	return job;
}

/** Forgets staged imports older than an hour. */
function sweep(store, now) {
	let jobs;
	try {
		jobs = JSON.parse(store.get(INDEX_KEY) || '[]');
	} catch {
		jobs = [];
	}
	const alive = [];
	for (let i = 0; i < jobs.length; i++) {
		if (jobs[i].expires > now) alive.push(jobs[i]);
		else dropJob(store, jobs[i].job);
	}
	return alive;
}

function dropJob(store, job) {
	const meta = readMeta(store, job);
	if (meta)
		for (let i = 0; i < meta.chunks; i++) store.remove('krachtkaart.import.' + job + '.' + i);
	store.remove('krachtkaart.import.' + job);
}

function readMeta(store, job) {
	const raw = store.get('krachtkaart.import.' + job);
	return raw ? JSON.parse(raw) : null;
}

/**
 * Keeps one chunk of rows: chunk `seq` (0, 1, …) of job `job`, in order.
 * @param {{ owner: string }} who @param {string} kind @param {any} body { job, seq, rows }
 */
function stageChunk(who, kind, body) {
	const job = requireJob(body && body.job);
	const rows = body.rows;
	if (!Array.isArray(rows) || rows.length === 0) {
		throw new BadRequestError('rows: een lijst met rijen / a list of rows.');
	}
	const store = $app.store();
	const now = Date.now();
	const jobs = sweep(store, now);
	let meta = readMeta(store, job);
	if (meta && (meta.owner !== who.owner || meta.kind !== kind)) {
		throw new ForbiddenError('Deze import is van iemand anders / this import is not yours.');
	}
	if (!meta) {
		meta = { owner: who.owner, kind: kind, chunks: 0, rows: 0 };
		jobs.push({ job: job, expires: now + STAGE_TTL_MS });
	}
	if (body.seq !== meta.chunks) {
		throw new BadRequestError(
			'seq: stuk ' +
				meta.chunks +
				' verwacht, niet ' +
				body.seq +
				' / expected chunk ' +
				meta.chunks
		);
	}
	if (meta.chunks >= MAX_CHUNKS || meta.rows + rows.length > MAX_ROWS) {
		dropJob(store, job);
		throw new BadRequestError(
			'Te veel rijen voor één import (meer dan ' + MAX_ROWS + ') / too many rows for one import.'
		);
	}
	store.set('krachtkaart.import.' + job + '.' + meta.chunks, JSON.stringify(rows));
	meta.chunks += 1;
	meta.rows += rows.length;
	store.set('krachtkaart.import.' + job, JSON.stringify(meta));
	store.set(INDEX_KEY, JSON.stringify(jobs));
	return { job: job, chunks: meta.chunks, rows: meta.rows };
}

/**
 * The staged rows of a job (all chunks, in order), forgotten once taken.
 * @param {{ owner: string }} who @param {string} kind @param {string} job
 * @returns {any[]}
 */
function takeRows(who, kind, job) {
	requireJob(job);
	const store = $app.store();
	const meta = readMeta(store, job);
	if (!meta || meta.owner !== who.owner || meta.kind !== kind) {
		throw new NotFoundError(
			'Geen rijen ontvangen voor deze import (of ouder dan een uur) / no rows staged for this import (or older than an hour).'
		);
	}
	let rows = [];
	for (let i = 0; i < meta.chunks; i++) {
		rows = rows.concat(JSON.parse(store.get('krachtkaart.import.' + job + '.' + i)));
	}
	dropJob(store, job);
	return rows;
}

/**
 * The areas a coordinator may import into: hers and those up to two levels below them.
 * @param {core.App} app @param {string[]} mine
 * @returns {Record<string, true>}
 */
function areasWithin(app, mine) {
	const rows = arrayOf(new DynamicModel({ id: '' }));
	app
		.db()
		.newQuery(
			`WITH RECURSIVE ${require(`${__hooks}/lib/areas.js`).ASKED_AND_MINE}
			SELECT DISTINCT id FROM mine`
		)
		.bind({ asked: '[]', mine: JSON.stringify(mine) })
		.all(rows);
	/** @type {Record<string, true>} */
	const within = {};
	for (let i = 0; i < rows.length; i++) within[rows[i].id] = true;
	return within;
}

/** How many bad rows (and rows outside every area) an answer lists; the counts count them all. */
const MAX_LISTED = 1000;

/** A rollback that is no failure: the dry run's, or the refusal of an import with bad rows. */
const ROLLBACK = 'krachtkaart-import-rollback';

/**
 * @typedef {object} ImportResult what a commit answers (200 when ok, else 422)
 * @property {boolean} ok @property {boolean} dryRun @property {number} rows
 * @property {number} created @property {number} updated @property {number} unchanged
 * @property {number} skipped
 * @property {{ line: number, reason: string }[]} errors the first MAX_LISTED
 * @property {number} errorCount
 * @property {object[]} outside the first MAX_LISTED rows outside every area (addresses)
 * @property {number} outsideCount
 */

/**
 * One import's commit, the same for every kind: `work` checks, places and saves the rows in one
 * transaction, names each bad row with `fail(line, reason)` and counts into `result`; a bad row
 * (or `result.ok` set false), or a dry run, rolls all of it back. Otherwise one audit entry
 * (create on `kind`) with the counts and what `work` returns besides.
 * @param {core.App} app
 * @param {core.Record} auth
 * @param {string} kind the collection: addresses, areas or assets
 * @param {any[]} rows
 * @param {{ dryRun: boolean }} options
 * @param {(txApp: core.App, result: ImportResult, fail: (line: number, reason: string) => void) => (object | void)} work
 * @returns {ImportResult}
 */
function commitImport(app, auth, kind, rows, options, work) {
	/** @type {ImportResult} */
	const result = {
		ok: true,
		dryRun: options.dryRun,
		rows: rows.length,
		created: 0,
		updated: 0,
		unchanged: 0,
		skipped: 0,
		errors: [],
		errorCount: 0,
		outside: [],
		outsideCount: 0
	};
	const fail = (line, reason) => {
		result.errorCount++;
		if (result.errors.length < MAX_LISTED) result.errors.push({ line: line, reason: reason });
	};
	try {
		app.runInTransaction((txApp) => {
			const details = work(txApp, result, fail);
			if (result.errorCount > 0) result.ok = false;
			if (!result.ok || options.dryRun) throw new Error(ROLLBACK);
			require(`${__hooks}/lib/audit.js`).writeAudit(txApp, {
				auth: auth,
				action: 'create',
				collection: kind,
				details: Object.assign(
					{
						import: kind,
						rows: rows.length,
						created: result.created,
						updated: result.updated,
						unchanged: result.unchanged
					},
					details || {}
				)
			});
		});
	} catch (e) {
		if (String((e && e.message) || e).indexOf(ROLLBACK) < 0) throw e;
	}
	return result;
}

module.exports = {
	importer,
	requireKind,
	stageChunk,
	takeRows,
	areasWithin,
	commitImport,
	KINDS,
	MAX_LISTED
};
