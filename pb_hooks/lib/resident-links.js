// A resident's own link (pb_hooks/resident-links.pb.js): a coordinator or admin makes one for her,
// she opens /mijn/<token> without an account, sees what is kept about her, corrects it, removes a
// gift, changes or withdraws her consent; withdrawing everything erases her.
//
// The token is 32 characters of [A-Za-z0-9] from a cryptographic source (190 bits), shown once;
// only its sha256 is stored and looked up (by the unique index), so the stored value cannot be
// turned back into a working link and no string compare of the secret itself happens. An unknown,
// expired or revoked token, one of a person who is gone, or one whose issuer may no longer issue
// it, gets the same 404. Failures are
// counted in memory per IP: past FAILURES.perAddress in the window, 429 for every token.

const TOKEN_LENGTH = 32;
const TOKEN_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const TOKEN_PATTERN = /^[A-Za-z0-9]{32}$/;
const DEFAULT_DAYS = 30;
const MAX_DAYS = 365;
/** Failed token look-ups allowed per IP in the window of lib/security.js (15 minutes). */
const FAILURES = { perAddress: 20 };
const FAILURES_PREFIX = 'krachtkaart.residentLinkFailures.';
/** Her own assets: the kinds that are the resident herself, as lib/subject-access.js erases. */
const { RESIDENT_KINDS } = require(`${__hooks}/lib/subject-access.js`);
const { DAY_MS, pbDate } = require(`${__hooks}/lib/consent.js`);
/** Her fields and her assets' texts: the limits of lib/vocabulary.json, shared with the app. */
const LIMITS = require(`${__hooks}/lib/vocabulary.json`).limits;
const MAX_FIRST_NAME = LIMITS.person.firstName;
const MAX_CONTACT = LIMITS.person.contact;
const MAX_TITLE = LIMITS.asset.title;
const MAX_DESCRIPTION = LIMITS.asset.description;
const MAX_ASSET_EDITS = 50;
/** Scopes she may give herself through the link; an exact point is placed by a worker only. */
const SELF_GRANTABLE = ['anonymous', 'first_name', 'contact'];
const BODY_KEYS = ['firstName', 'contact', 'consent', 'assets'];
const ASSET_KEYS = ['id', 'title', 'description', 'remove'];
const CONSENT_TEXT = 'Zelf aangepast door de bewoner via haar persoonlijke link.';

const NOT_FOUND =
	'Deze link werkt niet (meer). Vraag uw buurtwerker om een nieuwe. / This link does not work (any more); ask your neighbourhood worker for a new one.';
const TOO_MANY =
	'Te veel pogingen met een link die niet werkt; probeer het over een kwartier opnieuw. / Too many attempts with a link that does not work; try again in a quarter of an hour.';

/**
 * How long a new link works, in days: KRACHTKAART_RESIDENT_LINK_DAYS when a whole number from 1
 * to 365, else 30.
 */
function linkDays() {
	const raw = $os.getenv('KRACHTKAART_RESIDENT_LINK_DAYS');
	const days = /^[0-9]{1,3}$/.test(raw || '') ? Number(raw) : 0;
	return days >= 1 && days <= MAX_DAYS ? days : DEFAULT_DAYS;
}

/** sha256 of a token, hex: what is stored and looked up. */
const hashOf = (token) => $security.sha256(token);

/** Who issues and revokes links: a link may do what its issuer may, so never a worker or viewer. */
const ISSUER_ROLES = ['admin', 'coordinator'];
const ONLY_ISSUERS =
	"Alleen een coördinator van het gebied van de bewoner of een beheerder maakt of trekt een persoonlijke link in. / Only a coordinator of the resident's area or an admin issues or revokes a personal link.";
const NO_SUPERUSER_LINKS =
	'Een persoonlijke link maakt een coördinator of beheerder met een account in de app, zodat bij elk gebruik te controleren is of die dat nog mag. / A personal link is issued by a coordinator or admin with an account in the app, so that every use can check they still may.';
const OUTSIDE_AREAS =
	'Deze bewoner hoort bij een gebied buiten je eigen gebieden. / This resident belongs to an area outside your own.';

/**
 * Whether an app user may issue a link for her now: an admin, or a coordinator whose areas hold
 * hers (hers, or one above it). Asked when a link is made and again at every use of it.
 * @param {core.App} app
 * @param {core.Record} user
 * @param {core.Record} person
 */
function mayIssueFor(app, user, person) {
	const role = user.getString('role');
	if (role === 'admin') return true;
	if (role !== 'coordinator') return false;
	try {
		const { isWithinAreas } = require(`${__hooks}/lib/areas.js`);
		return isWithinAreas(app, person.getString('area'), user.getStringSlice('areas'));
	} catch {
		// An area that no longer exists: not one of hers.
		return false;
	}
}

/**
 * Throws a 403 unless `auth` may make (`issue`) or stop (`revoke`) her links: admins, and
 * coordinators within her areas. Superusers may revoke but not issue: a link needs an issuer in
 * the app whose rights every use checks again. With `person` null only the role is checked, so
 * others learn nothing about which ids exist and nothing is looked up.
 * @param {core.App} app
 * @param {core.Record} auth
 * @param {core.Record | null} person
 * @param {'issue' | 'revoke'} action
 */
function authorizeIssuer(app, auth, person, action) {
	if (auth.isSuperuser()) {
		if (action === 'revoke') return;
		throw new ForbiddenError(NO_SUPERUSER_LINKS);
	}
	if (ISSUER_ROLES.indexOf(auth.getString('role')) < 0) throw new ForbiddenError(ONLY_ISSUERS);
	if (person && !mayIssueFor(app, auth, person)) throw new ForbiddenError(OUTSIDE_AREAS);
}

/**
 * Whether the one who issued the link may still issue it for her: a link is never stronger than
 * its issuer now (deleted, no longer admin or coordinator, or no longer holding her area: it stops).
 * @param {core.App} app
 * @param {core.Record} link
 * @param {core.Record} person
 */
function issuerStillMay(app, link, person) {
	const issuerId = link.getString('createdBy');
	if (!issuerId) return false;
	let issuer;
	try {
		issuer = app.findRecordById('users', issuerId);
	} catch {
		return false;
	}
	return mayIssueFor(app, issuer, person);
}

/** What every audit entry of a use of the link says besides its own details: which link, whose. */
function useDetails(link) {
	return { via: 'resident_link', link: link.id, issuedBy: link.getString('createdBy') };
}

/**
 * Revokes her links that still work; returns their ids.
 * @param {core.App} txApp
 * @param {string} personId
 * @param {core.Record | null} auth
 */
function revokeAll(txApp, personId, auth) {
	const now = pbDate(Date.now());
	const open = txApp.findRecordsByFilter(
		'resident_links',
		"person = {:person} && revokedAt = ''",
		'',
		0,
		0,
		{ person: personId }
	);
	for (const link of open) {
		link.set('revokedAt', now);
		if (auth && auth.collection().name === 'users') link.set('revokedBy', auth.id);
		txApp.save(link);
	}
	return open.map((l) => l.id);
}

/**
 * A new link for her; her older links stop working. Returns the token (only here, never again),
 * the link record and the ids it revoked.
 * @param {core.App} txApp
 * @param {core.Record} person
 * @param {core.Record} auth
 */
function issue(txApp, person, auth) {
	const revoked = revokeAll(txApp, person.id, auth);
	const token = $security.randomStringWithAlphabet(TOKEN_LENGTH, TOKEN_ALPHABET);
	const link = new Record(txApp.findCollectionByNameOrId('resident_links'));
	link.set('person', person.id);
	link.set('tokenHash', hashOf(token));
	link.set('expiresAt', pbDate(Date.now() + linkDays() * DAY_MS));
	// Always an app user (authorizeIssuer): every use checks her rights again.
	link.set('createdBy', auth.id);
	link.set('uses', 0);
	txApp.save(link);
	return { token: token, link: link, revoked: revoked };
}

/** The store key that counts failed look-ups from an address. */
const failureKey = (ip) => FAILURES_PREFIX + ip;

/**
 * The link and person a token opens, or a 404 that says nothing about why (unknown, expired,
 * revoked, her record gone); a 429 once the address failed too often. Counts failures.
 * @param {core.App} app
 * @param {string} token
 * @param {string} ip
 * @returns {{ link: core.Record, person: core.Record }}
 */
function open(app, token, ip) {
	const security = require(`${__hooks}/lib/security.js`);
	const store = $app.store();
	const now = Math.floor(Date.now() / 1000);
	const key = failureKey(ip);
	if (security.failuresIn(store.get(key), now) >= FAILURES.perAddress) {
		throw new TooManyRequestsError(TOO_MANY);
	}
	const found = TOKEN_PATTERN.test(token || '') ? valid(app, hashOf(token)) : null;
	if (!found) {
		const count = security.withFailure(store.get(key), now);
		store.set(key, count);
		if (security.failuresIn(count, now) === FAILURES.perAddress) {
			app.logger().warn('resident link: an address keeps trying tokens that do not work');
		}
		throw new NotFoundError(NOT_FOUND);
	}
	return found;
}

/**
 * The link of a hash when it works now, with its person; null otherwise: unknown, revoked,
 * expired, her record gone, or its issuer no longer allowed to issue it (issuerStillMay).
 */
function valid(app, hash) {
	const { parseDate } = require(`${__hooks}/lib/consent.js`);
	let link;
	try {
		link = app.findFirstRecordByFilter('resident_links', 'tokenHash = {:hash}', { hash: hash });
	} catch {
		return null;
	}
	if (link.getString('revokedAt')) return null;
	const expires = parseDate(link.getString('expiresAt'));
	if (!(expires > Date.now())) return null;
	let person;
	try {
		person = app.findRecordById('people', link.getString('person'));
	} catch {
		return null;
	}
	return issuerStillMay(app, link, person) ? { link: link, person: person } : null;
}

/** Notes the link's use (how often, when last). */
function markUsed(app, link) {
	const fresh = app.findRecordById('resident_links', link.id);
	fresh.set('uses', fresh.getInt('uses') + 1);
	fresh.set('lastUsedAt', pbDate(Date.now()));
	app.saveNoValidate(fresh);
}

/** Her own assets: capacity and key-figure assets that name her. */
function herAssets(app, personId) {
	return app
		.findRecordsByFilter('assets', 'person = {:id}', 'created', 0, 0, { id: personId })
		.filter((a) => RESIDENT_KINDS.indexOf(a.getString('kind')) >= 0);
}

/** A user's first name only (the first word of `name`): all she learns about the worker. */
function firstNameOf(app, userId) {
	if (!userId) return '';
	try {
		return app.findRecordById('users', userId).getString('name').trim().split(/\s+/)[0] || '';
	} catch {
		return '';
	}
}

/**
 * What she sees of her own entry: her first name and contact as stored, her consent with its
 * dates (and the first name of who noted it), her own assets (title, description, themes,
 * gifts, precision) and until when the link works. Never notes, conversations, her address,
 * other people, or ids of anything but her own assets.
 * @param {core.App} app
 * @param {core.Record} person
 * @param {core.Record} link
 */
function entryOf(app, person, link) {
	const c = require(`${__hooks}/lib/consent.js`);
	const consent = c.consentOf(person);
	const created = c.parseDate(person.getString('created'));
	const createdMs = isNaN(created) ? Date.now() : created;
	const stored = consent && Array.isArray(consent.scopes) ? consent.scopes : [];
	const given = consent ? c.parseDate(consent.givenAt) : NaN;
	return {
		firstName: person.getString('display_name'),
		contact: person.getString('contact'),
		isKeyFigure: person.getBool('isKeyFigure'),
		consent: {
			scopes: stored,
			running: c.scopesAt(consent, createdMs, Date.now()).length > 0,
			givenAt: isNaN(given) ? '' : c.isoDate(given),
			until: c.isoDate(c.deadline(consent, createdMs, c.retentionDays())),
			source: (consent && consent.source) || '',
			recordedBy: firstNameOf(app, consent && consent.recordedBy)
		},
		assets: herAssets(app, person.id).map((a) => ({
			id: a.id,
			kind: a.getString('kind'),
			title: a.getString('title'),
			description: a.getString('description'),
			themes: a.getStringSlice('themes'),
			gifts: a.getStringSlice('gifts'),
			precision: a.getString('precision')
		})),
		linkExpiresAt: c.isoDate(c.parseDate(link.getString('expiresAt')))
	};
}

/** A 400 that names the field, as PocketBase reports field errors. */
function badField(field, code, message) {
	const data = {};
	data[field] = new ValidationError(code, message);
	return new BadRequestError(message, data);
}

const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Her request checked and normalised, or a 400 naming the first field that is wrong:
 * { firstName?, contact?, scopes?: string[] | undefined, assets: [{ id, title?, description?,
 * remove }] }. `scopes` of [] means: withdraw everything (erase).
 * @param {any} body
 * @param {string[]} storedScopes her scopes as stored
 * @param {string[]} assetIds her own assets
 */
function parseEdits(body, storedScopes, assetIds) {
	if (!isObject(body)) {
		throw badField(
			'body',
			'invalid',
			'Verwacht een object met firstName, contact, consent en assets.'
		);
	}
	for (const key in body) {
		if (BODY_KEYS.indexOf(key) < 0) {
			throw badField(key, 'unknown', `Onbekend veld; toegestaan zijn ${BODY_KEYS.join(', ')}.`);
		}
	}
	const edits = { assets: [] };
	const text = (field, max, label) => {
		const value = body[field];
		if (value === undefined || value === null) return;
		if (typeof value !== 'string') throw badField(field, 'invalid', `${label}: verwacht tekst.`);
		const trimmed = value.trim();
		if (trimmed.length > max) {
			throw badField(field, 'too_long', `${label}: hoogstens ${max} tekens.`);
		}
		edits[field] = trimmed;
	};
	text('firstName', MAX_FIRST_NAME, 'Voornaam');
	text('contact', MAX_CONTACT, 'Contact');

	if (body.consent !== undefined && body.consent !== null) {
		const { SCOPES } = require(`${__hooks}/lib/consent.js`);
		const consent = body.consent;
		if (!isObject(consent) || Object.keys(consent).some((k) => k !== 'scopes')) {
			throw badField('consent', 'invalid', 'Toestemming: verwacht { scopes: [...] }.');
		}
		const scopes = consent.scopes;
		if (
			!Array.isArray(scopes) ||
			scopes.some((s, i) => SCOPES.indexOf(s) < 0 || scopes.indexOf(s) !== i)
		) {
			throw badField(
				'consent.scopes',
				'invalid',
				`Toestemming: een lijst met elk hoogstens één keer ${SCOPES.join(', ')}.`
			);
		}
		if (scopes.indexOf('anonymous') >= 0 && scopes.indexOf('first_name') >= 0) {
			throw badField(
				'consent.scopes',
				'consent_contradicts',
				'Toestemming: kies anoniem óf met voornaam, niet allebei.'
			);
		}
		for (const scope of scopes) {
			if (storedScopes.indexOf(scope) < 0 && SELF_GRANTABLE.indexOf(scope) < 0) {
				throw badField(
					'consent.scopes',
					'not_allowed',
					'Toestemming voor een precieze plek op de kaart geeft u aan de buurtwerker, niet via deze link.'
				);
			}
		}
		edits.scopes = scopes.slice();
	}

	if (body.assets !== undefined && body.assets !== null) {
		if (!Array.isArray(body.assets) || body.assets.length > MAX_ASSET_EDITS) {
			throw badField('assets', 'invalid', `Talenten: een lijst van hoogstens ${MAX_ASSET_EDITS}.`);
		}
		const seen = [];
		body.assets.forEach((a, i) => {
			const at = `assets.${i}`;
			if (!isObject(a)) throw badField(at, 'invalid', `Talent ${i + 1}: verwacht een object.`);
			for (const key in a) {
				if (ASSET_KEYS.indexOf(key) < 0) {
					throw badField(`${at}.${key}`, 'unknown', `Talent ${i + 1}: onbekend veld ${key}.`);
				}
			}
			if (typeof a.id !== 'string' || assetIds.indexOf(a.id) < 0 || seen.indexOf(a.id) >= 0) {
				throw badField(
					`${at}.id`,
					'invalid',
					`Talent ${i + 1}: dit talent hoort niet (meer) bij u.`
				);
			}
			seen.push(a.id);
			const edit = { id: a.id, remove: false };
			if (a.remove !== undefined && a.remove !== null) {
				if (typeof a.remove !== 'boolean') {
					throw badField(`${at}.remove`, 'invalid', `Talent ${i + 1}: remove is true of false.`);
				}
				edit.remove = a.remove;
			}
			if (a.title !== undefined && a.title !== null) {
				const title = typeof a.title === 'string' ? a.title.trim() : '';
				if (!title) {
					throw badField(`${at}.title`, 'required', `Talent ${i + 1}: geef het een naam.`);
				}
				if (title.length > MAX_TITLE) {
					throw badField(
						`${at}.title`,
						'too_long',
						`Talent ${i + 1}: hoogstens ${MAX_TITLE} tekens.`
					);
				}
				edit.title = title;
			}
			if (a.description !== undefined && a.description !== null) {
				if (typeof a.description !== 'string') {
					throw badField(`${at}.description`, 'invalid', `Talent ${i + 1}: verwacht tekst.`);
				}
				const description = a.description.trim();
				if (description.length > MAX_DESCRIPTION) {
					throw badField(
						`${at}.description`,
						'too_long',
						`Talent ${i + 1}: hoogstens ${MAX_DESCRIPTION} tekens.`
					);
				}
				edit.description = description;
			}
			edits.assets.push(edit);
		});
	}
	return edits;
}

/** Takes a removed gift out of the talk it grew from (its `gifts` list), so it is gone there too. */
function dropGiftFromTalk(txApp, asset, title) {
	const conversationId = asset.getString('sourceConversation');
	if (!conversationId || asset.getString('kind') !== 'capacity') return;
	let conversation;
	try {
		conversation = txApp.findRecordById('conversations', conversationId);
	} catch {
		return;
	}
	let gifts;
	try {
		gifts = JSON.parse(conversation.getString('gifts') || 'null');
	} catch {
		return;
	}
	if (!Array.isArray(gifts)) return;
	const kept = gifts.filter((g) => !(g && String(g.tag || '').trim() === title));
	if (kept.length === gifts.length) return;
	conversation.set('gifts', kept);
	// Only her gift leaves the talk: nothing else about it is judged, valid or not.
	txApp.saveNoValidate(conversation);
}

/**
 * Applies her checked edits in the transaction `txApp` runs in (see the top of this file). A
 * withdrawn scope clears what it allowed, as lib/consent.js does for app users: her name leaves
 * the field and her assets' titles, her contact goes, an exact point moves to her street. A
 * corrected name follows into her assets' titles. A personal field set to something the consent
 * does not allow is a 400. Returns what changed, for the audit entry (field names, no values).
 * @param {core.App} txApp
 * @param {core.Record} person fresh from txApp
 * @param {ReturnType<typeof parseEdits>} edits
 */
function applyEdits(txApp, person, edits) {
	const c = require(`${__hooks}/lib/consent.js`);
	const retention = require(`${__hooks}/lib/retention.js`);
	const nowMs = Date.now();
	const before = c.consentOf(person);
	const created = c.parseDate(person.getString('created'));
	const running = c.scopesAt(before, isNaN(created) ? nowMs : created, nowMs);
	const stored = before && Array.isArray(before.scopes) ? before.scopes : [];
	const summary = { fields: [], consentWithdrawn: [], consentGiven: [], assets: 0, removed: 0 };

	let allowed = running;
	if (edits.scopes !== undefined) {
		const same =
			edits.scopes.length === stored.length && edits.scopes.every((s) => stored.indexOf(s) >= 0);
		if (!same || running.length === 0) {
			// Her own choice, made now: a fresh consent that runs for the retention period.
			const consent = {
				scopes: edits.scopes,
				givenAt: c.isoDate(nowMs),
				until: c.isoDate(nowMs + c.retentionDays() * c.DAY_MS),
				source: 'resident_link',
				text: CONSENT_TEXT
			};
			const problem = c.checkConsent(txApp, consent, nowMs);
			if (problem) throw badField('consent.scopes', problem.code, problem.message);
			person.set('consent', consent);
			summary.consentWithdrawn = running.filter((s) => edits.scopes.indexOf(s) < 0);
			summary.consentGiven = edits.scopes.filter((s) => running.indexOf(s) < 0);
			summary.fields.push('consent');
			allowed = edits.scopes;
		}
	}

	const door = retention.doorOf(txApp, person);
	const oldName = person.getString('display_name');
	let formerName = '';
	for (const field in c.FIELD_SCOPES) {
		const bodyKey = field === 'display_name' ? 'firstName' : 'contact';
		const storedValue = person.getString(field);
		const sent = edits[bodyKey];
		const mayKeep = allowed.indexOf(c.FIELD_SCOPES[field]) >= 0;
		if (sent !== undefined && sent !== storedValue) {
			if (sent && !mayKeep) {
				throw badField(
					bodyKey,
					'consent_missing',
					field === 'display_name'
						? 'Uw voornaam bewaren we alleen als u daar toestemming voor geeft (voornaam aanvinken).'
						: 'Uw contactgegevens bewaren we alleen als u daar toestemming voor geeft (contact aanvinken).'
				);
			}
			person.set(field, sent);
			summary.fields.push(field);
			if (field === 'display_name' && !sent) formerName = storedValue;
		} else if (storedValue && !mayKeep) {
			// Withdrawn: what she no longer allows goes.
			person.set(field, '');
			summary.fields.push(field);
			if (field === 'display_name') formerName = storedValue;
		}
	}
	const exactWithdrawn =
		running.indexOf('exact_location') >= 0 && allowed.indexOf('exact_location') < 0;

	// Titles as they were, to find a removed gift in the talk it grew from.
	const titles = {};
	for (const asset of herAssets(txApp, person.id)) titles[asset.id] = asset.getString('title');

	if (formerName || exactWithdrawn) {
		summary.assets += retention.neutraliseAssets(txApp, person.id, {
			name: formerName,
			street: door.street,
			streetArea: door.streetArea,
			exact: exactWithdrawn
		});
	}
	const newName = person.getString('display_name');
	if (oldName.trim().length >= 2 && newName && newName !== oldName) {
		// Her corrected name follows into the titles and descriptions that carried the old one.
		for (const asset of herAssets(txApp, person.id)) {
			const title = retention.replaceName(asset.getString('title'), oldName.trim(), newName);
			const description = retention.replaceName(
				asset.getString('description'),
				oldName.trim(),
				newName
			);
			if (title === asset.getString('title') && description === asset.getString('description')) {
				continue;
			}
			asset.set('title', title.slice(0, MAX_TITLE));
			asset.set('description', description);
			txApp.saveNoValidate(asset);
			summary.assets++;
		}
	}

	for (const edit of edits.assets) {
		const asset = txApp.findRecordById('assets', edit.id);
		if (edit.remove) {
			if (asset.getString('kind') === 'key_figure') person.set('isKeyFigure', false);
			dropGiftFromTalk(txApp, asset, titles[asset.id] || asset.getString('title'));
			// Its links go with it (cascadeDelete).
			txApp.delete(asset);
			summary.removed++;
			continue;
		}
		let touched = false;
		if (edit.title !== undefined && edit.title !== asset.getString('title')) {
			asset.set('title', edit.title);
			touched = true;
		}
		if (edit.description !== undefined && edit.description !== asset.getString('description')) {
			asset.set('description', edit.description);
			touched = true;
		}
		if (touched) {
			txApp.save(asset);
			summary.assets++;
		}
	}
	txApp.save(person);
	return summary;
}

module.exports = {
	TOKEN_LENGTH,
	FAILURES,
	FAILURES_PREFIX,
	NOT_FOUND,
	linkDays,
	hashOf,
	ISSUER_ROLES,
	authorizeIssuer,
	useDetails,
	revokeAll,
	issue,
	open,
	markUsed,
	entryOf,
	herAssets,
	parseEdits,
	applyEdits
};
