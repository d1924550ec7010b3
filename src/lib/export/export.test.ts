import { describe, expect, it } from 'vitest';
import type { AddressRecord } from '$lib/addresses/addresses';
import type { AreaRecord, AssetRecord } from '$lib/pocketbase/types';
import { exportToZip, restoreParts, zipToExport, type FullExport } from './backup.js';
import {
	addressesCsv,
	addressesGeoJson,
	areasCsv,
	areasGeoJson,
	assetsCsv,
	assetsGeoJson,
	conversationCountsCsv,
	conversationsCsv,
	dutchMoment,
	exportFileName,
	type ConversationExportRecord
} from './export';

const asset: AssetRecord = {
	id: 'a1',
	kind: 'association',
	title: '=Buurtvereniging; "Één"',
	description: 'Elke dinsdag',
	themes: ['taal', 'groen'],
	domain: ['sociaal'],
	gifts: [],
	location: { lon: 5.1234567, lat: 52.0987654 },
	precision: 'exact',
	area: 'b1',
	street: 'Dreef',
	status: 'active',
	confirmedAt: '2026-11-01 09:00:00.000Z',
	confirmedBy: 'u1',
	created: '2026-10-01 09:00:00.000Z',
	updated: '2026-11-01 09:00:00.000Z',
	person: 'p1',
	createdBy: 'u1'
};
const areas = new Map([['b1', { code: 'BU03440311', name: 'Tigrisdreef' }]]);
const rowsOf = (csv: string) =>
	csv
		.replace(/^\uFEFF/, '')
		.split('\r\n')
		.slice(0, -1);

describe('assets', () => {
	it('CSV for Dutch Excel: BOM, semicolons, decimal commas, ISO days, formulas guarded, labels', () => {
		const csv = assetsCsv([asset], {
			areas,
			label: (group, value) => (group === 'theme' && value === 'taal' ? 'Taal' : undefined)
		});
		expect(csv.startsWith('\uFEFF')).toBe(true);
		const [header, row] = rowsOf(csv);
		expect(header.split(';')).toEqual([
			'Id',
			'Soort',
			'Naam',
			'Beschrijving',
			"Thema's",
			'Domein',
			'Talenten',
			'Status',
			'Precisie',
			'Straat',
			'Gebiedscode',
			'Gebied',
			'Lengtegraad',
			'Breedtegraad',
			'Laatst bevestigd',
			'Aangemaakt',
			'Gewijzigd'
		]);
		expect(row).toBe(
			'a1;association;"\'=Buurtvereniging; ""Één""";Elke dinsdag;Taal, groen;sociaal;;active;exact;Dreef;BU03440311;Tigrisdreef;5,123457;52,098765;2026-11-01;2026-10-01;2026-11-01'
		);
	});

	it('CSV headers in English', () => {
		const [header] = rowsOf(assetsCsv([asset], { locale: 'en' }));
		expect(header.startsWith('Id;Kind;Name;Description;Themes')).toBe(true);
	});

	it('GeoJSON points in lon/lat, without person, conversation or author ids', () => {
		const json = JSON.parse(assetsGeoJson([asset]));
		expect(json.type).toBe('FeatureCollection');
		expect(json.features[0].geometry).toEqual({
			type: 'Point',
			coordinates: [5.123457, 52.098765]
		});
		expect(json.features[0].properties).toMatchObject({
			id: 'a1',
			kind: 'association',
			area: 'b1'
		});
		expect(json.features[0].properties).not.toHaveProperty('person');
		expect(json.features[0].properties).not.toHaveProperty('createdBy');
	});
});

describe('areas and addresses', () => {
	const gemeente: AreaRecord = {
		id: 'g1',
		code: 'GM0344',
		name: 'Utrecht',
		level: 'gemeente',
		parent: '',
		geometry: null
	};
	const buurt: AreaRecord = {
		id: 'b1',
		code: 'BU03440311',
		name: 'Tigrisdreef',
		level: 'buurt',
		parent: 'g1',
		addressCount: 812,
		geometry: {
			type: 'Polygon',
			coordinates: [
				[
					[5, 52],
					[5.1, 52],
					[5.1, 52.1],
					[5, 52]
				]
			]
		}
	};
	it('areas: the parent by code, the boundary in GeoJSON', () => {
		expect(rowsOf(areasCsv([gemeente, buurt]))).toEqual([
			'Code;Naam;Niveau;Ligt in (code);Adressen;Id',
			'GM0344;Utrecht;gemeente;;;g1',
			'BU03440311;Tigrisdreef;buurt;GM0344;812;b1'
		]);
		const json = JSON.parse(areasGeoJson([gemeente, buurt]));
		expect(json.features[1].geometry.type).toBe('Polygon');
		expect(json.features[1].properties).toMatchObject({ parentCode: 'GM0344', addressCount: 812 });
		// A gemeente without geometry is still a feature (RFC 7946 allows a null geometry).
		expect(json.features[0].geometry).toBeNull();
	});

	it('addresses: BAG id first, the buurt by code, coordinates with decimal commas', () => {
		const address: AddressRecord = {
			id: 'd1',
			bagId: '0344200000123456',
			street: 'Tigrisdreef',
			number: '12A',
			postcode: '3561AB',
			city: 'Utrecht',
			location: { lon: 5.11, lat: 52.11 },
			area: 'b1'
		};
		expect(rowsOf(addressesCsv([address], { areas }))[1]).toBe(
			'0344200000123456;Tigrisdreef;12A;3561AB;Utrecht;BU03440311;Tigrisdreef;5,11;52,11;d1'
		);
		const json = JSON.parse(addressesGeoJson([address]));
		expect(json.features[0].geometry.coordinates).toEqual([5.11, 52.11]);
	});
});

describe('conversations', () => {
	const talk: ConversationExportRecord = {
		id: 'c1',
		area: 'b1',
		address: 'd1',
		worker: 'u1',
		heldAt: '2026-11-21 12:00:00.000Z',
		outcome: 'talked',
		themes: ['taal'],
		gifts: [{ kind: 'hands', tag: 'Klussen' }],
		willingToHelp: true,
		followUp: { what: 'Terugbellen', due: '2026-12-01 00:00:00.000Z' },
		expand: { address: { street: 'Tigrisdreef', number: '12', postcode: '3561AB' } }
	};

	it('moments in Dutch time', () => {
		expect(dutchMoment('2026-11-21 12:00:00.000Z')).toBe('2026-11-21 13:00');
		expect(dutchMoment('2026-07-01 12:00:00.000Z')).toBe('2026-07-01 14:00');
		expect(dutchMoment('')).toBe('');
	});

	it('a notes column only when notes came along (a worker gets only her own)', () => {
		const without = rowsOf(conversationsCsv([talk], { areas }));
		expect(without[0]).not.toContain('Notities');
		expect(without[1]).toBe(
			'2026-11-21 13:00;talked;BU03440311;Tigrisdreef;Tigrisdreef 12;3561AB;taal;hands: Klussen;;ja;Terugbellen, 2026-12-01;;u1;c1'
		);
		const withNotes = rowsOf(conversationsCsv([{ ...talk, notes: 'Zelf genoteerd' }, talk]));
		expect(withNotes[0].endsWith(';Notities')).toBe(true);
		expect(withNotes[1].endsWith(';Zelf genoteerd')).toBe(true);
		expect(withNotes[2].endsWith(';')).toBe(true);
	});

	it('counts: a hidden group says so', () => {
		const csv = conversationCountsCsv({
			minResidents: 5,
			areas: [
				{
					area: 'b1',
					code: 'BU1',
					name: 'Noord',
					level: 'buurt',
					outcomes: [
						{ outcome: 'not_home', residents: null, conversations: null },
						{ outcome: 'talked', residents: 6, conversations: 7 }
					]
				},
				{
					area: 'b2',
					code: 'BU2',
					name: 'Zuid',
					level: 'buurt',
					outcomes: [{ outcome: 'talked', residents: 9, conversations: 9 }]
				}
			]
		});
		expect(rowsOf(csv)).toEqual([
			'Gebiedscode;Gebied;Uitkomst;Bewoners;Gesprekken',
			'BU1;Noord;not_home;minder dan 5 bewoners;minder dan 5 bewoners',
			'BU1;Noord;talked;6;7',
			'BU2;Zuid;talked;9;9'
		]);
	});
});

describe('file names', () => {
	it('what, the area code and the day', () => {
		expect(exportFileName('adressen', 'csv', 'BU0344/0311', new Date('2026-11-21T10:00:00Z'))).toBe(
			'krachtkaart-adressen-BU0344-0311-2026-11-21.csv'
		);
		expect(exportFileName('alles', 'zip', null, new Date('2026-11-21T10:00:00Z'))).toBe(
			'krachtkaart-alles-2026-11-21.zip'
		);
	});
});

describe('the full export zip', () => {
	const data: FullExport = {
		format: 'krachtkaart-export',
		version: 1,
		exportedAt: '2026-11-21T10:00:00.000Z',
		collections: [
			{
				name: 'areas',
				type: 'base',
				fields: [{ name: 'id', type: 'text', multiple: false }],
				count: 2,
				records: [
					{ id: 'a1', name: 'Één' },
					{ id: 'a2', name: 'Twee' }
				]
			},
			{ name: 'links', type: 'base', fields: [], count: 0, records: [] }
		]
	};

	it('zips and unzips to the same export', () => {
		expect(zipToExport(exportToZip(data))).toEqual(data);
	});

	it('refuses what is not a zip, not Krachtkaart’s or does not match its manifest', () => {
		expect(() => zipToExport(new TextEncoder().encode('hallo'))).toThrow(/geen zip/);
		const wrongCount = structuredClone(data);
		wrongCount.collections[0].count = 3;
		expect(() => zipToExport(exportToZip(wrongCount))).toThrow(
			'collections/areas.json: 2 records, manifest.json noemt er 3'
		);
		const other = { ...data, format: 'iets-anders' };
		expect(() => zipToExport(exportToZip(other))).toThrow(/geen export van Krachtkaart/);
	});

	it('restore parts stay under the size a request may carry, in order', () => {
		const many = structuredClone(data);
		many.collections[0].records = Array.from({ length: 100 }, (_, i) => ({
			id: `a${i}`,
			text: 'é'.repeat(100)
		}));
		const parts = restoreParts(many, 2_000);
		expect(parts.length).toBeGreaterThan(5);
		for (const part of parts) {
			expect(new TextEncoder().encode(JSON.stringify(part.records)).length).toBeLessThanOrEqual(
				2_000
			);
		}
		expect(parts.flatMap((p) => p.records.map((r) => r.id))).toEqual(
			many.collections[0].records.map((r) => r.id)
		);
	});
});
