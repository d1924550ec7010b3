// A person's consent (`people.consent`): what she agreed to, when, until when, who recorded it
// and where. Its shape is checked on every write through the API (pb_hooks/people.pb.js), and
// for app users the personal fields must fit it: `display_name` needs `first_name`, `contact`
// needs `contact`, and only while the consent runs (until `until`, or givenAt plus the retention
// period when there is no `until`). The retention job (lib/retention.js) uses the same deadline.
//
//   { scopes: ['first_name', 'contact'], givenAt: '2026-11-23T10:15:00.000Z',
//     until: '2028-11-23T10:15:00.000Z', recordedBy: '<users id>', source: 'conversation',
//     text: 'Mag ik uw voornaam en telefoonnummer bewaren om u terug te bellen?' }

/** The consent scopes (lib/vocabulary.json, shared with the app). */
const SCOPES = Object.keys(require(`${__hooks}/lib/vocabulary.json`).consentScopes);
/**
 * Where the consent was given: at the door (a conversation), in person, by phone, in writing,
 * through the resident's own link, or taken over from an earlier register (imports).
 */
const SOURCES = ['conversation', 'in_person', 'phone', 'written', 'resident_link', 'import'];
const KEYS = ['scopes', 'givenAt', 'until', 'recordedBy', 'source', 'text'];
/** The personal fields of `people` and the scope each needs. */
const FIELD_SCOPES = { display_name: 'first_name', contact: 'contact' };
const DAY_MS = 24 * 60 * 60 * 1000;
const DEFAULT_RETENTION_DAYS = 730;
/** A phone's clock may run ahead a little; a consent given later than this is a mistake. */
const FUTURE_SLACK_MS = DAY_MS;

/**
 * The retention period in days: KRACHTKAART_RETENTION_DAYS when it is a positive whole number,
 * otherwise 730 (two years).
 * @returns {number}
 */
function retentionDays() {
	const raw = $os.getenv('KRACHTKAART_RETENTION_DAYS');
	const days = /^[0-9]{1,6}$/.test(raw || '') ? Number(raw) : 0;
	return days > 0 ? days : DEFAULT_RETENTION_DAYS;
}

const DATE_PATTERN =
	/^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/**
 * Milliseconds of a date as people and PocketBase write it ('2026-11-23',
 * '2026-11-23T10:15:00Z', '2026-11-23 10:15:00.000Z'), or NaN.
 * @param {unknown} value
 */
function parseDate(value) {
	if (typeof value !== 'string' || !DATE_PATTERN.test(value)) return NaN;
	return Date.parse(value.replace(' ', 'T'));
}

/** @param {number} ms @returns {string} ISO 8601 in UTC */
function isoDate(ms) {
	return new Date(ms).toISOString();
}

/** @param {number} ms @returns {string} a PocketBase date ('2026-11-23 10:15:00.000Z') */
function pbDate(ms) {
	return isoDate(ms).replace('T', ' ');
}

/**
 * The consent stored in (or about to be saved with) a record, or null for none.
 * @param {core.Record} record
 */
function consentOf(record) {
	const raw = record.getString('consent');
	if (!raw) return null;
	try {
		return JSON.parse(raw);
	} catch {
		return null;
	}
}

// PocketBase capitalises a validation message, so it opens with a word, not the field.
const fail = (key, code, message) => ({
	code: code,
	message: `Toestemming (consent.${key}): ${message}`
});

/**
 * What is wrong with a consent's shape, as { code, message } with the part named, or null.
 * null itself is no consent at all, which is valid (nothing personal may be kept then).
 * @param {core.App} app
 * @param {any} consent
 * @param {number} nowMs
 */
function checkConsent(app, consent, nowMs) {
	if (consent === null) return null;
	if (typeof consent !== 'object' || Array.isArray(consent)) {
		return {
			code: 'invalid',
			message:
				'Toestemming (consent): verwacht een object met scopes, givenAt, until, recordedBy, source en text.'
		};
	}
	for (const key in consent) {
		if (KEYS.indexOf(key) < 0) {
			return fail(key, 'unknown', `onbekend veld; toegestaan zijn ${KEYS.join(', ')}.`);
		}
	}
	const scopes = consent.scopes;
	if (
		!Array.isArray(scopes) ||
		scopes.some((s, i) => SCOPES.indexOf(s) < 0 || scopes.indexOf(s) !== i)
	) {
		return fail('scopes', 'invalid', `een lijst met elk hoogstens één keer ${SCOPES.join(', ')}.`);
	}
	if (scopes.indexOf('anonymous') >= 0 && scopes.indexOf('first_name') >= 0) {
		return fail('scopes', 'consent_contradicts', 'kies anoniem óf met voornaam, niet allebei.');
	}
	const given = parseDate(consent.givenAt);
	if (consent.givenAt === undefined || consent.givenAt === null || consent.givenAt === '') {
		if (scopes.length > 0) {
			return fail('givenAt', 'missing', 'wanneer ze instemde ontbreekt (JJJJ-MM-DD of ISO 8601).');
		}
	} else if (isNaN(given)) {
		return fail('givenAt', 'invalid', 'een datum als JJJJ-MM-DD of ISO 8601.');
	} else if (given > nowMs + FUTURE_SLACK_MS) {
		return fail('givenAt', 'invalid', 'ligt in de toekomst.');
	}
	if (consent.until !== undefined && consent.until !== null && consent.until !== '') {
		const until = parseDate(consent.until);
		if (isNaN(until)) return fail('until', 'invalid', 'een datum als JJJJ-MM-DD of ISO 8601.');
		if (!isNaN(given) && until <= given) {
			return fail('until', 'invalid', 'moet na givenAt liggen.');
		}
	}
	if (
		consent.recordedBy !== undefined &&
		consent.recordedBy !== null &&
		consent.recordedBy !== ''
	) {
		let known = false;
		if (typeof consent.recordedBy === 'string' && /^[a-z0-9]{15}$/.test(consent.recordedBy)) {
			try {
				app.findRecordById('users', consent.recordedBy);
				known = true;
			} catch {
				// Reported below.
			}
		}
		if (!known) return fail('recordedBy', 'invalid', 'het id van een bestaande gebruiker.');
	}
	if (consent.source !== undefined && consent.source !== null && consent.source !== '') {
		if (SOURCES.indexOf(consent.source) < 0) {
			return fail('source', 'invalid', `een van ${SOURCES.join(', ')}.`);
		}
	}
	if (consent.text !== undefined && consent.text !== null) {
		if (typeof consent.text !== 'string' || consent.text.length > 2000) {
			return fail('text', 'invalid', 'de voorgelezen tekst, hoogstens 2000 tekens.');
		}
	}
	return null;
}

/**
 * When the consent ends, in ms: `until`, else givenAt plus the retention period, else the
 * record's creation plus the retention period.
 * @param {any} consent
 * @param {number} createdMs
 * @param {number} days
 */
function deadline(consent, createdMs, days) {
	const until = consent ? parseDate(consent.until) : NaN;
	if (!isNaN(until)) return until;
	const given = consent ? parseDate(consent.givenAt) : NaN;
	const from = isNaN(given) ? createdMs : given;
	return from + days * DAY_MS;
}

/**
 * The scopes that hold at `nowMs`: none without consent or once it has ended.
 * @param {any} consent
 * @param {number} createdMs
 * @param {number} nowMs
 * @returns {string[]}
 */
function scopesAt(consent, createdMs, nowMs) {
	if (!consent || !Array.isArray(consent.scopes)) return [];
	return deadline(consent, createdMs, retentionDays()) > nowMs ? consent.scopes : [];
}

const MESSAGES = {
	display_name: 'Een voornaam bewaren mag alleen met toestemming (first_name).',
	contact: 'Contactgegevens bewaren mag alleen met toestemming (contact).'
};

/**
 * Checks a direct write of `people` (create or update through the API) and fills in what the
 * server decides. Throws a 400 naming the field when the consent is malformed or a personal
 * field is not allowed by it. For app users:
 * - a changed consent is recorded by her (`recordedBy`) and runs until givenAt plus the
 *   retention period when it names no `until`;
 * - a personal field may only be set or changed to a value the consent (still) allows;
 * - a consent withdrawal clears what it no longer allows (what else the body sends is kept).
 * Superusers (imports, the demo, the dashboard) write the fields as given, in a valid shape.
 * Returns what the write took away: { cleared: field names, exactWithdrawn, formerName }.
 * @param {core.RecordRequestEvent} e
 */
function guardPersonWrite(e) {
	const record = e.record;
	const original = record.isNew() ? null : record.original();
	const auth = e.auth;
	const appUser = !!auth && auth.collection().name === 'users';
	const nowMs = Date.now();
	const result = { cleared: [], exactWithdrawn: false, formerName: '' };

	let consent = consentOf(record);
	const before = original ? consentOf(original) : null;
	const changed = JSON.stringify(consent) !== JSON.stringify(before);
	if (changed) {
		const problem = checkConsent(e.app, consent, nowMs);
		if (problem) {
			throw new BadRequestError(problem.message, {
				consent: new ValidationError(problem.code, problem.message)
			});
		}
		if (appUser && consent !== null) {
			consent = Object.assign({}, consent, { recordedBy: auth.id });
			if (consent.scopes.length > 0 && !consent.until) {
				consent.until = isoDate(parseDate(consent.givenAt) + retentionDays() * DAY_MS);
			}
			record.set('consent', consent);
		}
	}
	if (!appUser) return result;

	const createdMs = original ? parseDate(original.getString('created')) : nowMs;
	const allowed = scopesAt(consent, isNaN(createdMs) ? nowMs : createdMs, nowMs);
	// Validation errors, so the answer's data reads { field: { code, message } }: PocketBase turns
	// plain objects into nested "invalid value" errors (tools/router/error.go).
	/** @type {Record<string, any>} */
	const errors = {};
	for (const field in FIELD_SCOPES) {
		if (allowed.indexOf(FIELD_SCOPES[field]) >= 0) continue;
		const value = record.getString(field).trim();
		const stored = original ? original.getString(field) : '';
		if (!value) continue;
		if (record.getString(field) !== stored) {
			errors[field] = new ValidationError('consent_missing', MESSAGES[field]);
		} else if (original && changed) {
			// Withdrawn: what she no longer allows goes, even if the client sent it back unchanged.
			if (field === 'display_name') result.formerName = stored;
			record.set(field, '');
			result.cleared.push(field);
		}
	}
	const names = Object.keys(errors);
	if (names.length > 0) throw new BadRequestError(MESSAGES[names[0]], errors);
	if (original && changed && before && Array.isArray(before.scopes)) {
		result.exactWithdrawn =
			before.scopes.indexOf('exact_location') >= 0 && allowed.indexOf('exact_location') < 0;
	}
	return result;
}

module.exports = {
	SCOPES,
	SOURCES,
	FIELD_SCOPES,
	DAY_MS,
	DEFAULT_RETENTION_DAYS,
	retentionDays,
	parseDate,
	isoDate,
	pbDate,
	consentOf,
	checkConsent,
	deadline,
	scopesAt,
	guardPersonWrite
};
