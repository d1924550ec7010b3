// Guards the pure side of a resident's requests: the server's search binds what was typed as
// parameters (never in the expression) and the client sends exactly what it would search; the
// download's name holds no name of hers, the erasure's confirm word, and how the export turns into the readable page (gifts, mentions, follow-up, links, and
// which of her records an audit entry was about).
import PocketBase from 'pocketbase';
import { describe, expect, it } from 'vitest';
import {
	addressLabel,
	auditTarget,
	confirmMatches,
	conversationsNewestFirst,
	eraseConfirmWord,
	exportCounts,
	exportFileName,
	exportJson,
	followUpOf,
	giftsOf,
	linkRows,
	mentionsOf,
	searchText,
	MIN_SEARCH_LENGTH,
	SEARCH_LIMIT,
	userName,
	type PersonExport
} from './people';
import { hookModule } from '../../../tests/support/hook-module';

function sample(): PersonExport {
	return {
		format: 'krachtkaart-subject-access/1',
		exportedAt: '2026-11-25 09:30:00.000Z',
		exportedBy: { id: 'c1', name: 'Carla', kind: 'user' },
		person: {
			id: 'p1aaaaaaaaaaaaa',
			display_name: 'Fatima',
			contact: '06 12345678',
			address: 'ad1',
			area: 'b1',
			consent: { scopes: ['first_name', 'contact'], givenAt: '2026-11-23 10:15:00.000Z' },
			isKeyFigure: true,
			createdBy: 'w1',
			created: '2026-11-23 10:15:01.000Z'
		},
		conversations: [
			{
				id: 'cv1',
				area: 'b1',
				address: 'ad1',
				worker: 'w1',
				person: 'p1aaaaaaaaaaaaa',
				heldAt: '2026-11-23 10:15:00.000Z',
				outcome: 'talked',
				locationSource: 'address',
				distanceFromAddress: 0,
				farFromAddress: false
			},
			{
				id: 'cv2',
				area: 'b1',
				address: 'ad1',
				worker: 'w1',
				person: 'p1aaaaaaaaaaaaa',
				heldAt: '2026-12-02 15:00:00.000Z',
				outcome: 'talked',
				locationSource: '',
				distanceFromAddress: 0,
				farFromAddress: false
			}
		],
		assets: [
			{
				id: 'as1',
				kind: 'key_figure',
				title: 'Fatima',
				themes: [],
				domain: [],
				gifts: [],
				location: { lon: 5, lat: 52 },
				precision: 'street',
				area: 'b1',
				street: 'Zamenhofdreef',
				status: 'active',
				confirmedAt: '',
				confirmedBy: ''
			}
		],
		links: [
			{
				id: 'l1',
				from: 'as1',
				to: 'in1',
				kind: 'supports',
				note: '',
				created: '2026-11-23 10:15:02.000Z',
				updated: '',
				createdBy: 'w1'
			},
			{
				id: 'l2',
				from: 'in2',
				to: 'as1',
				kind: 'knows',
				note: '',
				created: '2026-11-24 10:00:00.000Z',
				updated: '',
				createdBy: 'w1'
			}
		],
		followUps: [
			{
				id: 'f1',
				conversation: 'cv1',
				area: 'b1',
				what: 'Terugbellen',
				assignee: 'w1',
				due: '',
				done: false,
				doneAt: '',
				doneBy: '',
				createdBy: 'w1'
			}
		],
		other: [{ collection: 'cards', field: 'person', records: [{ id: 'k1' }] }],
		audit: [],
		auditTruncated: false,
		lookup: {
			users: { w1: { name: 'Wendy', role: 'worker' } },
			addresses: {
				ad1: { street: 'Zamenhofdreef', number: '12', postcode: '3562 AB', city: 'Utrecht' }
			},
			areas: { b1: { name: 'Zamenhof', code: 'BU1', level: 'buurt' } },
			assets: {
				in1: { title: 'Moestuin', kind: 'initiative' },
				in2: { title: 'Koor', kind: 'association' }
			}
		}
	};
}

// The server's search filter (pb_hooks/lib/people-search.js), so the client's "too little to
// send" is checked against it.
const serverSearch = hookModule('lib/people-search.js') as {
	searchFilter(query: string): { expr: string; params: Record<string, string> } | null;
	ruleAsFilter(
		rule: string,
		caller: { id: string; role: string; areas: string[] }
	): { expr: string; params: Record<string, string> };
	MIN_SEARCH_LENGTH: number;
	SEARCH_LIMIT: number;
};

describe('the search (the server builds the filter)', () => {
	it('needs every word to match one of her fields, each word a parameter', () => {
		const filter = serverSearch.searchFilter('  Fatima   dreef ')!;
		expect(filter.params).toEqual({ w0: 'Fatima', w1: 'dreef' });
		expect(filter.expr).toContain('display_name ~ {:w0}');
		expect(filter.expr).toContain('address.street ~ {:w1}');
		expect(filter.expr).toContain('address.number = {:w1}');
		expect(filter.expr).toContain(') && (');
	});

	it('finds nothing for too little, and keeps hostile input out of the expression', () => {
		expect(serverSearch.searchFilter('')).toBeNull();
		expect(serverSearch.searchFilter(' a ')).toBeNull();
		const hostile = `x' || id != '`;
		const filter = serverSearch.searchFilter(hostile)!;
		expect(filter.expr).not.toContain("'");
		const pb = new PocketBase('http://127.0.0.1:1');
		expect(pb.filter(filter.expr, filter.params)).not.toContain(`${hostile} ||`);
	});

	it('counts each word once, at most five of them', () => {
		const filter = serverSearch.searchFilter('a1 a1 b2 c3 d4 e5 f6 g7')!;
		expect(Object.values(filter.params)).toEqual(['a1', 'b2', 'c3', 'd4', 'e5']);
	});

	it('sends a text exactly when the server would search it, with the same limits', () => {
		expect(MIN_SEARCH_LENGTH).toBe(serverSearch.MIN_SEARCH_LENGTH);
		expect(SEARCH_LIMIT).toBe(serverSearch.SEARCH_LIMIT);
		for (const typed of ['', ' ', 'a', ' a ', 'a b', 'ab', '  Fatima   dreef ', '12', '\t x \n']) {
			expect(searchText(typed) === null, JSON.stringify(typed)).toBe(
				serverSearch.searchFilter(typed) === null
			);
		}
		expect(searchText('  Fatima   dreef ')).toBe('Fatima dreef');
	});

	it('binds the caller into the list rule, and refuses a rule it does not know', () => {
		const rule =
			'@request.auth.role = "admin" || (@request.auth.role = "worker" && ' +
			'(area != "" && @request.auth.areas.id ?= area) || @request.auth.areas.id ?= area.parent)';
		const scoped = serverSearch.ruleAsFilter(rule, {
			id: 'u1',
			role: 'worker',
			areas: ['a1', 'a2']
		});
		expect(scoped.expr).not.toContain('@request');
		expect(scoped.expr).toContain('(area = {:kkArea0} || area = {:kkArea1})');
		expect(scoped.expr).toContain('(area.parent = {:kkArea0} || area.parent = {:kkArea1})');
		expect(scoped.params).toMatchObject({ kkRole: 'worker', kkArea0: 'a1', kkArea1: 'a2' });
		// No areas: that term can never hold.
		const none = serverSearch.ruleAsFilter(rule, { id: 'u1', role: 'worker', areas: [] });
		expect(none.expr).toContain('(id = "" && id != "")');
		expect(() =>
			serverSearch.ruleAsFilter('@request.headers.x = "1"', { id: 'u', role: 'admin', areas: [] })
		).toThrow(/asks for more/);
	});
});

describe('the export as a page and a file', () => {
	it('names the file after her record id and the day, never her name', () => {
		const data = sample();
		expect(exportFileName(data)).toBe('krachtkaart-bewoner-p1aaaaaaaaaaaaa-2026-11-25.json');
		expect(exportFileName(data)).not.toContain('Fatima');
		expect(JSON.parse(exportJson(data))).toEqual(data);
	});

	it('writes a door the Dutch way', () => {
		expect(addressLabel(sample().lookup.addresses.ad1)).toBe('Zamenhofdreef 12, 3562 AB Utrecht');
		expect(addressLabel({ street: 'Dreef', number: '' })).toBe('Dreef');
		expect(addressLabel(undefined)).toBe('');
	});

	it('reads gifts, mentions and a follow-up from whatever was stored', () => {
		expect(
			giftsOf({ gifts: [{ kind: 'hands', tag: 'Koken' }, { kind: 'x' }, null, 'junk'] })
		).toEqual([{ kind: 'hands', tag: 'Koken' }]);
		expect(giftsOf({ gifts: null })).toEqual([]);
		expect(mentionsOf({ mentions: [{ kind: 'person', name: 'Kees' }, {}] })).toEqual([
			{ kind: 'person', name: 'Kees' }
		]);
		expect(followUpOf({ followUp: { what: ' Bellen ', due: '2026-12-01' } })).toEqual({
			what: 'Bellen',
			due: '2026-12-01'
		});
		expect(followUpOf({ followUp: { what: '' } })).toBeNull();
		expect(followUpOf({ followUp: [] })).toBeNull();
	});

	it('shows her talks latest first, her links from her side, and names for ids', () => {
		const data = sample();
		expect(conversationsNewestFirst(data).map((c) => c.id)).toEqual(['cv2', 'cv1']);
		expect(linkRows(data)).toEqual([
			expect.objectContaining({ ownTitle: 'Fatima', otherTitle: 'Moestuin', direction: 'out' }),
			expect.objectContaining({ ownTitle: 'Fatima', otherTitle: 'Koor', direction: 'in' })
		]);
		expect(userName(data.lookup, 'w1')).toBe('Wendy');
		expect(userName(data.lookup, 'gone')).toBe('gone');
		expect(exportCounts(data)).toEqual({
			conversations: 2,
			assets: 1,
			links: 2,
			followUps: 1,
			other: 1,
			audit: 0
		});
	});

	it('says which of her records an audit entry was about', () => {
		const data = sample();
		const entry = (targetCollection: string, targetId: string, details: unknown = null) => ({
			targetCollection,
			targetId,
			details
		});
		expect(auditTarget(data, entry('people', 'p1aaaaaaaaaaaaa'))).toEqual({ kind: 'person' });
		expect(auditTarget(data, entry('conversations', 'cv2'))).toEqual({
			kind: 'conversation',
			heldAt: '2026-12-02 15:00:00.000Z'
		});
		expect(auditTarget(data, entry('assets', 'as1'))).toEqual({ kind: 'asset', title: 'Fatima' });
		expect(auditTarget(data, entry('follow_ups', 'f1'))).toEqual({
			kind: 'follow_up',
			what: 'Terugbellen'
		});
		expect(auditTarget(data, entry('people', '', { ids: ['p1'], count: 7 }))).toEqual({
			kind: 'list',
			count: 7
		});
		expect(auditTarget(data, entry('x', 'y'))).toEqual({ kind: 'other', collection: 'x', id: 'y' });
	});
});

describe('the erasure confirmation', () => {
	it('asks for her first name, or the given word when none is kept', () => {
		expect(eraseConfirmWord({ display_name: ' Fatima ' }, 'wissen')).toBe('Fatima');
		expect(eraseConfirmWord({ display_name: '' }, 'wissen')).toBe('wissen');
	});

	it('matches regardless of case and spaces, never on nothing', () => {
		expect(confirmMatches('  fatima ', 'Fatima')).toBe(true);
		expect(confirmMatches('Anna Maria', 'anna  maria')).toBe(true);
		expect(confirmMatches('Fatim', 'Fatima')).toBe(false);
		expect(confirmMatches('', '')).toBe(false);
	});
});
