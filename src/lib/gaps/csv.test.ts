// Guards the CSV export for Dutch Excel byte for byte: BOM, `;`, CRLF, decimal comma, quotes
// doubled, formula injection guarded in users' text, Dutch and English headers, the UI's labels.
import { describe, expect, it } from 'vitest';
import type { GapAnalysis } from './gap-analysis';
import type { GapAsset, GapInput, GapUnit } from './gap-input';
import { csvCell, gapTableCsv, toCsv } from './csv';
import { analyseGaps } from './gaps';

const NOW = Date.parse('2026-12-01T12:00:00Z');

function unit(overrides: Partial<GapUnit>): GapUnit {
	return {
		lon: 5.115,
		lat: 52.115,
		area: 'buurta',
		street: 'Tigrisdreef',
		addresses: 1,
		visited: 0,
		talked: 0,
		visitedBefore: 0,
		talkedBefore: 0,
		lastVisit: null,
		themes: {},
		themesBefore: {},
		...overrides
	};
}

function keyFigure(id: string, title: string): GapAsset {
	return {
		id,
		kind: 'key_figure',
		title,
		lon: 5.115,
		lat: 52.115,
		area: 'buurta',
		themes: [],
		domain: ['sociaal'],
		status: 'active',
		created: '2025-01-01 10:00:00.000Z',
		resident: true
	};
}

/** Buurt A: 3 addresses, 1 visited and talked (33.3%), taal raised twice with nothing near. */
function analysis(): GapAnalysis {
	const input: GapInput = {
		aggregated: false,
		minResidents: 5,
		period: { from: '2026-09-01', to: '2026-12-01', previousFrom: '2026-06-01' },
		areas: [{ id: 'buurta', code: 'BU1', name: 'Tigris; Noord', level: 'buurt', parent: '' }],
		units: [
			unit({
				visited: 1,
				talked: 1,
				lastVisit: '2026-11-21 12:00:00.000Z',
				themes: { taal: 2 }
			}),
			unit({}),
			unit({ street: '=HYPERLINK("http://x")' })
		],
		assets: [keyFigure('k', 'Fatima "de buurtmoeder"'), keyFigure('j', '+31 6 1234')],
		links: [{ from: 'k', to: 'j' }]
	};
	return analyseGaps(input, { radiusM: 500, resolution: 9, now: NOW });
}

describe('csvCell', () => {
	it('writes numbers with a decimal comma and nothing for none', () => {
		expect(csvCell(33.3)).toBe('33,3');
		expect(csvCell(30)).toBe('30');
		expect(csvCell(-2)).toBe('-2');
		expect(csvCell(null)).toBe('');
		expect(csvCell(undefined)).toBe('');
		expect(csvCell(Number.NaN)).toBe('');
	});

	it('quotes text with a separator, a quote or a line break, quotes doubled', () => {
		expect(csvCell('Dreef; 1')).toBe('"Dreef; 1"');
		expect(csvCell('De "Buurtvader"')).toBe('"De ""Buurtvader"""');
		expect(csvCell('regel\r\nregel')).toBe('"regel\r\nregel"');
		expect(csvCell('Zambesidreef, oost')).toBe('Zambesidreef, oost');
	});

	it('guards text that Excel would run as a formula', () => {
		expect(csvCell('=1+1')).toBe("'=1+1");
		expect(csvCell('+31 6 1234')).toBe("'+31 6 1234");
		expect(csvCell('-x')).toBe("'-x");
		expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
		expect(csvCell('\tinvisible')).toBe("'\tinvisible");
		expect(csvCell('=A1;B1')).toBe('"\'=A1;B1"');
		expect(csvCell('Taal=Thema')).toBe('Taal=Thema');
	});
});

describe('toCsv', () => {
	it('starts with the UTF-8 byte order mark and ends every row with CRLF', () => {
		const bytes = new TextEncoder().encode(
			toCsv([
				['Buurt', 'ë'],
				['Tigris', 0.5]
			])
		);
		expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		expect(new TextDecoder().decode(bytes.slice(3))).toBe('Buurt;ë\r\nTigris;0,5\r\n');
	});
});

describe('gapTableCsv', () => {
	const result = analysis();

	it('writes the buurten with Dutch headers, percentages as numbers with a comma', () => {
		const [header, row, end] = gapTableCsv(result, 'buurten').split('\r\n');
		expect(header.startsWith('\uFEFFCode;Buurt;Adressen;Bezocht;Bezocht (%);Gesproken;')).toBe(
			true
		);
		expect(row).toBe(
			'BU1;"Tigris; Noord";3;1;33,3;1;33,3;0;0;2026-11-21;10;0;2;2;2;0;2;0;2;taal (2);0;0'
		);
		expect(end).toBe('');
	});

	it('writes streets, the other streets and never visited, users’ names guarded', () => {
		const lines = gapTableCsv(result, 'streets').split('\r\n');
		expect(lines[0]).toBe(
			'\uFEFFBuurt;Straat;Adressen;Bezocht;Bezocht (%);Gesproken;Gesproken (%);' +
				'Bezocht vorige periode;Gesproken vorige periode;Laatste bezoek;' +
				'Dagen sinds laatste bezoek;Nooit bezocht;Adressen niet getoond (te weinig bewoners)'
		);
		expect(lines).toContain('"Tigris; Noord";"\'=HYPERLINK(""http://x"")";1;0;0;0;0;0;0;;;ja;0');
		expect(lines).toContain('"Tigris; Noord";Tigrisdreef;2;1;50;1;50;0;0;2026-11-21;10;nee;0');
	});

	it('writes the themes, and the key figures with their reach', () => {
		const themes = gapTableCsv(result, 'themes', { themeLabel: (t) => t.toUpperCase() });
		expect(themes.split('\r\n')[1]).toBe('TAAL;Sociaal;2;0;2;100;0');
		const figures = gapTableCsv(result, 'keyFigures').split('\r\n');
		expect(figures[0]).toBe(
			'\uFEFFSleutelfiguur;Buurt;Direct verbonden;Bereik in twee stappen;Waarvan bewoners'
		);
		expect(figures.slice(1, 3).sort()).toEqual([
			'"Fatima ""de buurtmoeder""";"Tigris; Noord";1;1;1',
			'\'+31 6 1234;"Tigris; Noord";1;1;1'
		]);
	});

	it('has English headers and words, and takes the UI’s labels first', () => {
		const english = gapTableCsv(result, 'streets', { locale: 'en' });
		expect(english.startsWith('\uFEFFNeighbourhood;Street;Addresses;Visited;Visited (%);')).toBe(
			true
		);
		expect(english).toContain(';yes;0\r\n');
		const labelled = gapTableCsv(result, 'keyFigures', {
			locale: 'en',
			label: (key) => (key === 'keyFigure' ? 'Verbinder' : undefined)
		});
		expect(labelled.split('\r\n')[0]).toBe(
			'\uFEFFVerbinder;Neighbourhood;Linked directly;Reach in two steps;Of whom residents'
		);
	});

	it('writes only the header for an empty analysis', () => {
		const empty = analyseGaps(
			{
				aggregated: true,
				minResidents: 5,
				period: { from: '2026-09-01', to: '2026-12-01', previousFrom: '2026-06-01' },
				areas: [],
				units: [],
				assets: [],
				links: []
			},
			{ radiusM: 500, resolution: 9, now: NOW }
		);
		for (const table of ['buurten', 'streets', 'keyFigures'] as const) {
			expect(gapTableCsv(empty, table).split('\r\n')).toHaveLength(2);
		}
	});
});
