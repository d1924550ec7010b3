// The team, managed in the app (pb_hooks/team.pb.js): admins manage everyone; a coordinator only
// workers and viewers whose areas all lie within her own, giving only those two roles and only
// areas within her own. Every refusal comes before anything is written (and, for a role that may
// not manage a team at all, before anything is read), and names what was refused.
//
// A member is "invited" until she has set her password through the invitation (PocketBase marks
// her verified then), "deactivated" while `deactivatedAt` is set (the users authRule refuses her,
// and her tokenKey was rotated in the same save, so every session of hers ended), else "active".

const ROLES = ['admin', 'coordinator', 'worker', 'viewer'];
/** What a coordinator may give, and whom she may manage. */
const COORDINATOR_ROLES = ['worker', 'viewer'];
/** How long an invitation's link works: a week, time to read the mail after a weekend. */
const INVITE_SECONDS = 7 * 24 * 3600;
const MAX_NAME = 100;
const MAX_EMAIL = 254;
const MAX_AREAS = 50;
const EMAIL_PATTERN = /^[^\s@<>(),;:"[\]\\]+@[^\s@<>(),;:"[\]\\]+\.[^\s@<>(),;:"[\]\\]+$/;

const ONLY_MANAGERS =
	'Alleen een beheerder of coördinator beheert het team. / Only an admin or a coordinator manages the team.';
const NOT_IN_TEAM =
	'Dit teamlid valt niet onder jouw gebieden of rol: een coördinator beheert alleen buurtwerkers en meelezers binnen haar eigen gebieden. / This member is not within your areas or role: a coordinator manages only workers and viewers within her own areas.';
const NOT_FOUND = 'Dit teamlid bestaat niet (meer). / This member does not exist (any more).';

/**
 * @param {string} nl
 * @param {string} en
 * @param {string} field
 * @param {string} code
 */
function badRequest(nl, en, field, code) {
	/** @type {Record<string, { code: string, message: string }>} */
	const data = {};
	data[field] = { code: code, message: `${nl} / ${en}` };
	return new BadRequestError(`${nl} / ${en}`, data);
}

/** The role of whoever asks: superusers act as admins. @param {core.Record} auth */
function roleOf(auth) {
	return auth.isSuperuser() ? 'admin' : auth.getString('role');
}

/**
 * A 403 unless `auth` manages a team at all (admins, coordinators, superusers): asked first, so
 * workers and viewers learn nothing, not even which ids exist.
 * @param {core.Record} auth
 */
function requireManager(auth) {
	const role = roleOf(auth);
	if (role !== 'admin' && role !== 'coordinator') throw new ForbiddenError(ONLY_MANAGERS);
}

/**
 * Whether every one of `areaIds` lies within `own` (one of them, or below one); none is not
 * "within" (a member without areas belongs to no coordinator). An area that is gone is not.
 * @param {core.App} app
 * @param {string[]} areaIds
 * @param {string[]} own
 */
function allWithin(app, areaIds, own) {
	const { isWithinAreas } = require(`${__hooks}/lib/areas.js`);
	if (areaIds.length === 0) return false;
	return areaIds.every((id) => {
		try {
			return isWithinAreas(app, id, own);
		} catch {
			return false;
		}
	});
}

/**
 * Whether `auth` manages `member` now: admins everyone, a coordinator workers and viewers whose
 * areas all lie within hers.
 * @param {core.App} app
 * @param {core.Record} auth
 * @param {core.Record} member
 */
function manages(app, auth, member) {
	const role = roleOf(auth);
	if (role === 'admin') return true;
	if (role !== 'coordinator') return false;
	if (COORDINATOR_ROLES.indexOf(member.getString('role')) < 0) return false;
	return allWithin(app, member.getStringSlice('areas'), auth.getStringSlice('areas'));
}

/**
 * The member `id` if `auth` manages her, else a 403 (coordinators) or 404 (gone). Workers and
 * viewers are refused by requireManager before this is called.
 * @param {core.App} app
 * @param {core.Record} auth
 * @param {string} id
 */
function findMember(app, auth, id) {
	let member;
	try {
		member = app.findRecordById('users', id);
	} catch {
		// A coordinator learns no more about an unknown id than about someone else's member.
		if (roleOf(auth) === 'admin') throw new NotFoundError(NOT_FOUND);
		throw new ForbiddenError(NOT_IN_TEAM);
	}
	if (!manages(app, auth, member)) throw new ForbiddenError(NOT_IN_TEAM);
	return member;
}

/** @param {core.Record} member */
function statusOf(member) {
	if (member.getString('deactivatedAt')) return 'deactivated';
	if (member.getString('invitedAt') && !member.getBool('verified')) return 'invited';
	return 'active';
}

/** What the team route tells a manager about a member: nothing else of her record. @param {core.Record} member */
function memberView(member) {
	return {
		id: member.id,
		name: member.getString('name'),
		email: member.getString('email'),
		role: member.getString('role'),
		areas: member.getStringSlice('areas'),
		status: statusOf(member),
		invitedAt: member.getString('invitedAt'),
		deactivatedAt: member.getString('deactivatedAt')
	};
}

/**
 * The members `auth` manages, by name; herself too (marked by id on the client), read only.
 * @param {core.App} app
 * @param {core.Record} auth
 */
function teamOf(app, auth) {
	requireManager(auth);
	const all = app.findRecordsByFilter('users', 'id != ""', 'name,email', 0, 0);
	return all.filter((m) => m.id === auth.id || manages(app, auth, m)).map(memberView);
}

/**
 * A role from a request body, one `auth` may give: admins any, coordinators worker or viewer.
 * @param {core.Record} auth
 * @param {unknown} value
 */
function parseRole(auth, value) {
	if (typeof value !== 'string' || ROLES.indexOf(value) < 0) {
		throw badRequest(
			'Kies een rol: beheerder, coördinator, buurtwerker of meelezer',
			'Choose a role: admin, coordinator, worker or viewer',
			'role',
			'validation_invalid_role'
		);
	}
	if (roleOf(auth) !== 'admin' && COORDINATOR_ROLES.indexOf(value) < 0) {
		throw new ForbiddenError(
			`Een coördinator geeft alleen de rol buurtwerker of meelezer, niet "${value}". / A coordinator gives only the roles worker and viewer, not "${value}".`,
			{ role: { code: 'role_not_allowed', message: value } }
		);
	}
	return value;
}

/**
 * Area ids from a request body: existing areas, and for a coordinator each within her own; a
 * member who is not an admin needs at least one (without one she would see nothing).
 * @param {core.App} app
 * @param {core.Record} auth
 * @param {unknown} value
 * @param {string} role the role she will have
 */
function parseAreas(app, auth, value, role) {
	if (!Array.isArray(value) || value.some((id) => typeof id !== 'string')) {
		throw badRequest(
			'Gebieden: een lijst van gebied-id’s',
			'Areas: a list of area ids',
			'areas',
			'validation_invalid_areas'
		);
	}
	/** @type {string[]} */
	const ids = [];
	for (const id of value) if (ids.indexOf(id) < 0) ids.push(id);
	if (ids.length > MAX_AREAS) {
		throw badRequest(
			`Hoogstens ${MAX_AREAS} gebieden`,
			`At most ${MAX_AREAS} areas`,
			'areas',
			'validation_too_many'
		);
	}
	if (ids.length === 0 && role !== 'admin') {
		throw badRequest(
			'Kies minstens één gebied',
			'Choose at least one area',
			'areas',
			'validation_required'
		);
	}
	const coordinator = roleOf(auth) !== 'admin';
	const own = coordinator ? auth.getStringSlice('areas') : [];
	for (const id of ids) {
		let area;
		try {
			area = app.findRecordById('areas', id);
		} catch {
			throw badRequest(
				`Gebied ${id} bestaat niet`,
				`Area ${id} does not exist`,
				'areas',
				'validation_missing_area'
			);
		}
		if (coordinator && !allWithin(app, [id], own)) {
			const name = area.getString('name');
			throw new ForbiddenError(
				`Gebied "${name}" ligt buiten je eigen gebieden. / Area "${name}" lies outside your own areas.`,
				{ areas: { code: 'area_outside', message: id } }
			);
		}
	}
	return ids;
}

/**
 * A new member from an invitation body `{ email, name, role, areas }`, checked whole before
 * anything is written: 400 for bad input, 403 for what `auth` may not give, 409 for an address
 * that already has an account.
 * @param {core.App} app
 * @param {core.Record} auth
 * @param {any} body
 */
function parseInvite(app, auth, body) {
	requireManager(auth);
	const input = body && typeof body === 'object' ? body : {};
	const email = typeof input.email === 'string' ? input.email.trim().toLowerCase() : '';
	if (!email || email.length > MAX_EMAIL || !EMAIL_PATTERN.test(email)) {
		throw badRequest(
			'Vul een geldig e-mailadres in',
			'Enter a valid e-mail address',
			'email',
			'validation_invalid_email'
		);
	}
	const name = typeof input.name === 'string' ? input.name.trim() : '';
	if (name.length > MAX_NAME) {
		throw badRequest(
			`Naam: hoogstens ${MAX_NAME} tekens`,
			`Name: at most ${MAX_NAME} characters`,
			'name',
			'validation_too_long'
		);
	}
	const role = parseRole(auth, input.role);
	const areas = parseAreas(app, auth, input.areas === undefined ? [] : input.areas, role);
	const existing = app.findRecordsByFilter('users', 'email = {:email}', '', 1, 0, { email: email });
	if (existing.length > 0) {
		throw new BadRequestError(
			'Er is al een account met dit e-mailadres. / There already is an account with this e-mail address.',
			{ email: { code: 'validation_not_unique', message: 'exists' } }
		);
	}
	return { email: email, name: name, role: role, areas: areas };
}

/**
 * The changes of an update body `{ role?, areas? }` to `member`, checked whole: only what
 * differs; nothing is a 400. She never changes her own role (no admin locks herself out).
 * @param {core.App} app
 * @param {core.Record} auth
 * @param {core.Record} member
 * @param {any} body
 */
function parseChanges(app, auth, member, body) {
	const input = body && typeof body === 'object' ? body : {};
	for (const key of Object.keys(input)) {
		if (key !== 'role' && key !== 'areas') {
			throw badRequest(
				`"${key}" wijzig je hier niet (alleen rol en gebieden)`,
				`"${key}" is not changed here (only role and areas)`,
				key,
				'validation_unknown_field'
			);
		}
	}
	/** @type {{ role?: string, areas?: string[] }} */
	const changes = {};
	const role = input.role === undefined ? member.getString('role') : parseRole(auth, input.role);
	if (role !== member.getString('role')) {
		if (member.id === auth.id) {
			throw new ForbiddenError(
				'Je eigen rol wijzig je niet zelf; vraag een andere beheerder. / You do not change your own role; ask another admin.',
				{ role: { code: 'own_role', message: role } }
			);
		}
		changes.role = role;
	}
	const areas =
		input.areas === undefined
			? member.getStringSlice('areas')
			: parseAreas(app, auth, input.areas, role);
	if (areas.length === 0 && role !== 'admin') {
		throw badRequest(
			'Kies minstens één gebied',
			'Choose at least one area',
			'areas',
			'validation_required'
		);
	}
	const before = member.getStringSlice('areas');
	const same = areas.length === before.length && areas.every((id) => before.indexOf(id) >= 0);
	if (!same) changes.areas = areas;
	if (changes.role === undefined && changes.areas === undefined) {
		throw badRequest(
			'Er is niets gewijzigd: geef een andere rol of andere gebieden',
			'Nothing changed: give another role or other areas',
			'role',
			'validation_nothing_changed'
		);
	}
	return changes;
}

/**
 * A password-reset token that lasts the invitation's week: PocketBase's own kind
 * (core/record_tokens.go NewPasswordResetToken), so the app's /wachtwoord page confirms it with
 * confirmPasswordReset; it stops working once she set a password or her tokenKey rotates.
 * @param {core.Record} member
 */
function inviteToken(member) {
	const collection = member.collection();
	return $security.createJWT(
		{
			type: 'passwordReset',
			id: member.id,
			collectionId: collection.id,
			email: member.getString('email')
		},
		member.tokenKey() + collection.passwordResetToken.secret,
		INVITE_SECONDS
	);
}

/** The app's address for links in mail: the Application URL of the settings, without a final "/". @param {core.App} app */
function appUrl(app) {
	return String(app.settings().meta.appURL || '').replace(/\/+$/, '');
}

/**
 * Mails her the invitation with a link to set her password; throws if the mail cannot be handed
 * over (so the transaction it runs in writes nothing).
 * @param {core.App} app
 * @param {core.Record} member
 * @param {string} inviterName
 */
function sendInvitation(app, member, inviterName) {
	const settings = app.settings();
	const appName = settings.meta.appName || 'Krachtkaart';
	const link = `${appUrl(app)}/wachtwoord/${inviteToken(member)}`;
	const by = inviterName ? ` door ${escapeHtml(inviterName)}` : '';
	const byEn = inviterName ? ` by ${escapeHtml(inviterName)}` : '';
	const message = new MailerMessage({
		from: { address: settings.meta.senderAddress, name: settings.meta.senderName },
		to: [{ address: member.getString('email') }],
		subject: `Uitnodiging voor ${appName} / Invitation to ${appName}`,
		html: `<p>Hallo${member.getString('name') ? ' ' + escapeHtml(member.getString('name')) : ''},</p>
<p>Je bent${by} uitgenodigd voor het team in ${escapeHtml(appName)}. Kies je wachtwoord met de knop hieronder; de link werkt 7 dagen.</p>
<p><a class="btn" href="${link}" target="_blank" rel="noopener">Wachtwoord kiezen</a></p>
<p>Of open deze link: ${link}</p>
<p><i>You have been invited${byEn} to the team in ${escapeHtml(appName)}. Choose your password with the button above; the link works for 7 days.</i></p>`
	});
	app.newMailClient().send(message);
}

/** @param {string} text */
function escapeHtml(text) {
	return String(text)
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;');
}

/** PocketBase's date format, to the millisecond. @param {number} ms */
function pbNow(ms) {
	return new Date(ms).toISOString().replace('T', ' ');
}

/**
 * Ends her realtime connections at once (her tokenKey rotation ends every other session).
 * @param {core.App} app
 * @param {string} memberId
 */
function dropRealtime(app, memberId) {
	const broker = app.subscriptionsBroker();
	const clients = broker.clients();
	for (const id in clients) {
		const client = clients[id];
		const auth = client.get('auth');
		if (auth && auth.id === memberId) broker.unregister(id);
	}
}

/**
 * @typedef {object} MemberChange one change of a member by whoever manages her
 * @property {(member: core.Record) => void} [check] refuses the change (throws) before anything
 *   is written; `member` as stored before the change
 * @property {(current: core.Record) => object[]} apply sets what changes on her record as read in
 *   the transaction, and returns the details of its audit entries (action update on users), one
 *   per step
 * @property {(txApp: core.App, current: core.Record) => void} [last] the last thing in the
 *   transaction, after the save and its audit: when it fails (a mail that cannot be handed over),
 *   nothing of the change stays
 * @property {(app: core.App, saved: core.Record) => void} [committed] after the transaction
 */

/**
 * A change of the member named by the route's `{id}`: asks whether the caller manages a team and
 * this member, lets `change.check` refuse it, then saves it in one transaction with its audit
 * entries. Returns what the route answers: memberView of her saved record.
 * @param {core.RequestEvent} e
 * @param {MemberChange} change
 */
function changeMember(e, change) {
	const { writeAudit } = require(`${__hooks}/lib/audit.js`);
	const auth = e.auth;
	requireManager(auth);
	const member = findMember(e.app, auth, e.request.pathValue('id'));
	if (change.check) change.check(member);
	let saved = null;
	e.app.runInTransaction((txApp) => {
		const current = txApp.findRecordById('users', member.id);
		const steps = change.apply(current);
		txApp.save(current);
		for (const details of steps) {
			writeAudit(txApp, {
				auth: auth,
				action: 'update',
				collection: 'users',
				id: current.id,
				details: details
			});
		}
		if (change.last) change.last(txApp, current);
		saved = current;
	});
	if (change.committed) change.committed(e.app, saved);
	return memberView(saved);
}

module.exports = {
	ROLES,
	COORDINATOR_ROLES,
	INVITE_SECONDS,
	requireManager,
	manages,
	findMember,
	changeMember,
	statusOf,
	memberView,
	teamOf,
	parseInvite,
	parseChanges,
	sendInvitation,
	pbNow,
	dropRealtime
};
