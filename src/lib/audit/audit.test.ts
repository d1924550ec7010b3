// Guards the audit screen's pure parts: every filter is a bound parameter (never concatenated),
// days are whole local days with both ends included, the page cursor breaks ties on `created`
// by id, the URL keeps only set filters, and an entry's details read as a short line.
import PocketBase from 'pocketbase';
import { describe, expect, it } from 'vitest';
import {
	EMPTY_AUDIT_FILTERS,
	actorOf,
	auditFilter,
	filtersFromQuery,
	filtersToQuery,
	formatMoment,
	isAuditAction,
	issuerOf,
	startOfDay,
	summarizeDetails
} from './audit';

const pbDate = (d: Date) => d.toISOString().replace('T', ' ');

describe('auditFilter', () => {
	it('is null without filters', () => {
		expect(auditFilter(EMPTY_AUDIT_FILTERS)).toBeNull();
		expect(auditFilter({ ...EMPTY_AUDIT_FILTERS, search: '   ' })).toBeNull();
	});

	it('binds action, collection and user as parameters', () => {
		expect(
			auditFilter({ ...EMPTY_AUDIT_FILTERS, action: 'erase', collection: 'people', user: 'Carla' })
		).toEqual({
			expr: '(action = {:action} && targetCollection = {:collection} && (actor.name ~ {:user} || actorKind = {:user}))',
			params: { action: 'erase', collection: 'people', user: 'Carla' }
		});
	});

	it('matches a record id exactly, or inside the details (a list of ids)', () => {
		const filter = auditFilter({ ...EMPTY_AUDIT_FILTERS, search: 'abcdefghij12345' })!;
		expect(filter.expr).toBe('((targetId = {:search} || details ~ {:search}))');
		expect(auditFilter({ ...EMPTY_AUDIT_FILTERS, user: 'abcdefghij12345' })!.expr).toBe(
			'(actor = {:user})'
		);
	});

	it('takes whole local days, both ends included', () => {
		const filter = auditFilter({ ...EMPTY_AUDIT_FILTERS, from: '2026-03-01', to: '2026-03-31' })!;
		expect(filter.expr).toBe('(created >= {:from} && created < {:to})');
		expect(filter.params.from).toBe(pbDate(new Date(2026, 2, 1)));
		expect(filter.params.to).toBe(pbDate(new Date(2026, 3, 1)));
		// Not a day: ignored rather than sent.
		expect(auditFilter({ ...EMPTY_AUDIT_FILTERS, from: '2026-02-31', to: 'gisteren' })).toBeNull();
	});

	it('pages by cursor: older than the last entry shown, ties by id', () => {
		const filter = auditFilter(EMPTY_AUDIT_FILTERS, {
			created: '2026-03-01 10:00:00.000Z',
			id: 'zzz'
		})!;
		expect(filter.expr).toBe(
			'((created < {:cursorCreated} || (created = {:cursorCreated} && id < {:cursorId})))'
		);
		expect(filter.params).toEqual({ cursorCreated: '2026-03-01 10:00:00.000Z', cursorId: 'zzz' });
	});

	it('keeps hostile input out of the expression once the SDK quotes it', () => {
		const hostile = `x" || action != "`;
		const filter = auditFilter({ ...EMPTY_AUDIT_FILTERS, search: hostile, user: hostile })!;
		expect(filter.expr).not.toContain(hostile);
		const pb = new PocketBase('http://127.0.0.1:1');
		expect(pb.filter(filter.expr, filter.params)).toContain(JSON.stringify(hostile));
	});
});

describe('days and the URL', () => {
	it('reads real days only', () => {
		expect(startOfDay('2026-03-01')).toEqual(new Date(2026, 2, 1));
		expect(startOfDay('2026-13-01')).toBeNull();
		expect(startOfDay('1-3-2026')).toBeNull();
	});

	it('keeps only the set filters in the URL, and reads them back', () => {
		const filters = { ...EMPTY_AUDIT_FILTERS, action: 'export', from: '2026-03-01' };
		const query = filtersToQuery(filters);
		expect(query).toEqual({ action: 'export', from: '2026-03-01' });
		expect(filtersFromQuery(new URLSearchParams({ ...query, other: 'x' }))).toEqual(filters);
	});
});

describe('entries', () => {
	it('summarises details per action', () => {
		expect(summarizeDetails({ action: 'list', details: { ids: ['a'], count: 3 } })).toEqual({
			key: 'audit_details_count',
			params: { count: 3 }
		});
		expect(summarizeDetails({ action: 'update', details: { fields: ['contact', 2] } })).toEqual({
			key: 'audit_details_fields',
			params: { fields: 'contact' }
		});
		expect(
			summarizeDetails({
				action: 'erase',
				details: { conversationsCleared: 2, assetsDeleted: 2, linksDeleted: 1, followUpsDeleted: 1 }
			})
		).toEqual({
			key: 'audit_details_erase',
			params: { conversations: 2, assets: 2, links: 1, followUps: 1 }
		});
		expect(summarizeDetails({ action: 'list', details: { route: 'walk', count: 9 } })).toEqual({
			key: 'audit_details_route',
			params: { route: 'walk', count: 9 }
		});
		expect(summarizeDetails({ action: 'view', details: null })).toBeNull();
		expect(summarizeDetails({ action: 'view', details: [1] })).toBeNull();
	});

	it('names who acted: a user, or the superuser or the system', () => {
		expect(
			actorOf({
				actor: 'u1',
				actorKind: 'user',
				expand: { actor: { id: 'u1', name: 'Carla', role: 'coordinator' } }
			})
		).toEqual({ name: 'Carla', role: 'coordinator', kind: 'user' });
		expect(actorOf({ actor: 'gone', actorKind: 'user' })).toEqual({
			name: 'gone',
			role: null,
			kind: 'user'
		});
		expect(actorOf({ actor: '', actorKind: 'superuser' }).kind).toBe('superuser');
		expect(actorOf({ actor: '', actorKind: '' }).kind).toBe('system');
	});

	it('names who issued the link a resident acted through, and only for her entries', () => {
		const details = { via: 'resident_link', link: 'l1', issuedBy: 'u2' };
		const issuer = { id: 'u2', name: 'Carla', role: 'coordinator' as const };
		expect(
			actorOf({ actor: '', actorKind: 'resident', details, expand: { issuedBy: issuer } })
		).toEqual({ name: 'Carla', role: 'coordinator', kind: 'resident' });
		// Not looked up (a deleted issuer): her id, so the entry still names someone.
		expect(actorOf({ actor: '', actorKind: 'resident', details })).toEqual({
			name: 'u2',
			role: null,
			kind: 'resident'
		});
		expect(actorOf({ actor: '', actorKind: 'resident', details: null }).name).toBe('');
		expect(issuerOf({ actorKind: 'resident', details })).toBe('u2');
		expect(issuerOf({ actorKind: 'system', details })).toBe('');
		expect(issuerOf({ actorKind: 'resident', details: { issuedBy: 42 } })).toBe('');
	});

	it('knows its actions and shows moments with the time', () => {
		expect(isAuditAction('erase')).toBe(true);
		expect(isAuditAction('hack')).toBe(false);
		expect(formatMoment('2026-03-03 10:00:00.000Z', 'en')).toMatch(/2026/);
		expect(formatMoment('', 'nl')).toBe('');
		expect(formatMoment('junk', 'nl')).toBe('');
	});
});
