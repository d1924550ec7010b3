// The gap analysis' tables as CSV that opens right in Dutch Excel: a UTF-8 byte order mark (else
// Excel reads ë as Ã«), `;` between cells (the list separator of nl-NL), CRLF line ends, decimal
// commas, quotes doubled. Street and asset names come from users, so a text cell that Excel would
// take for a formula (= + - @, a tab or CR first) gets an apostrophe in front (OWASP: CSV
// injection). Headers are Dutch, or English; the UI may pass its own (paraglide) labels.
import type { Theme } from '$lib/vocabulary/vocabulary';
import type { GapAnalysis } from './gap-analysis';
import type { ThemeCounts } from './gap-input';

export const CSV_TABLES = ['buurten', 'streets', 'themes', 'keyFigures'] as const;
export type CsvTable = (typeof CSV_TABLES)[number];
export type CsvLocale = 'nl' | 'en';

/** Every column header and word a table uses, with its Dutch and English text. */
const LABELS = {
	code: { nl: 'Code', en: 'Code' },
	buurt: { nl: 'Buurt', en: 'Neighbourhood' },
	street: { nl: 'Straat', en: 'Street' },
	addresses: { nl: 'Adressen', en: 'Addresses' },
	visited: { nl: 'Bezocht', en: 'Visited' },
	visitedPercent: { nl: 'Bezocht (%)', en: 'Visited (%)' },
	talked: { nl: 'Gesproken', en: 'Talked' },
	talkedPercent: { nl: 'Gesproken (%)', en: 'Talked (%)' },
	visitedBefore: { nl: 'Bezocht vorige periode', en: 'Visited previous period' },
	talkedBefore: { nl: 'Gesproken vorige periode', en: 'Talked previous period' },
	lastVisit: { nl: 'Laatste bezoek', en: 'Last visit' },
	daysSinceLastVisit: { nl: 'Dagen sinds laatste bezoek', en: 'Days since last visit' },
	neverVisited: { nl: 'Nooit bezocht', en: 'Never visited' },
	suppressedAddresses: {
		nl: 'Adressen niet getoond (te weinig bewoners)',
		en: 'Addresses not shown (too few residents)'
	},
	keyFigures: { nl: 'Sleutelfiguren', en: 'Key figures' },
	assets: { nl: 'Krachten', en: 'Assets' },
	sociaal: { nl: 'Sociaal', en: 'Social' },
	fysiek: { nl: 'Fysiek', en: 'Physical' },
	raised: { nl: 'Genoemd', en: 'Raised' },
	raisedBefore: { nl: 'Genoemd vorige periode', en: 'Raised previous period' },
	unmet: { nl: 'Zonder kracht in de buurt', en: 'Without an asset nearby' },
	unmetPercent: { nl: 'Zonder kracht in de buurt (%)', en: 'Without an asset nearby (%)' },
	unmetThemes: { nl: "Thema's zonder kracht in de buurt", en: 'Themes without an asset nearby' },
	newAssets: { nl: 'Nieuwe krachten', en: 'New assets' },
	newAssetsBefore: { nl: 'Nieuwe krachten vorige periode', en: 'New assets previous period' },
	theme: { nl: 'Thema', en: 'Theme' },
	domains: { nl: 'Domein', en: 'Domain' },
	themeAssets: { nl: 'Krachten met dit thema', en: 'Assets with this theme' },
	keyFigure: { nl: 'Sleutelfiguur', en: 'Key figure' },
	direct: { nl: 'Direct verbonden', en: 'Linked directly' },
	reach: { nl: 'Bereik in twee stappen', en: 'Reach in two steps' },
	residents: { nl: 'Waarvan bewoners', en: 'Of whom residents' },
	yes: { nl: 'ja', en: 'yes' },
	no: { nl: 'nee', en: 'no' },
	otherStreets: { nl: '(overige straten)', en: '(other streets)' }
} as const satisfies Record<string, Record<CsvLocale, string>>;

export type CsvLabel = keyof typeof LABELS;

export interface CsvOptions {
	/** Headers and words in Dutch (default) or English. Numbers keep the decimal comma. */
	locale?: CsvLocale;
	/** The UI's own text for a label (paraglide messages); undefined: the built-in one. */
	label?: (key: CsvLabel) => string | undefined;
	/** A theme's name in the cells (default: its value, e.g. `zorg_voor_elkaar`). */
	themeLabel?: (theme: Theme) => string;
}

/** A cell: text (from users, so guarded), a number, or nothing. */
export type CsvCell = string | number | null | undefined;

/** Characters that make Excel (and LibreOffice) read a cell as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One cell as CSV text: numbers with a decimal comma, text guarded against formulas and quoted
 * when it holds `;`, a quote or a line break.
 *
 * @example csvCell(0.5) // '0,5'
 * @example csvCell('=1+1') // "'=1+1"
 * @example csvCell('Dreef; 1') // '"Dreef; 1"'
 */
export function csvCell(value: CsvCell): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'number') {
		return Number.isFinite(value) ? String(value).replace('.', ',') : '';
	}
	const text = FORMULA_START.test(value) ? `'${value}` : value;
	return /[;"\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Rows as a CSV file's text, byte order mark first and CRLF after every row.
 *
 * @example toCsv([['Buurt', 'Bezocht (%)'], ['Tigrisdreef', 30]]) // '\uFEFFBuurt;Bezocht (%)\r\nTigrisdreef;30\r\n'
 */
export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
	return '\uFEFF' + rows.map((row) => row.map(csvCell).join(';') + '\r\n').join('');
}

/** A share 0..1 as a percentage with one decimal (a number: Excel can sum and sort it). */
function percent(share: number | null): number | null {
	return share === null ? null : Math.round(share * 1000) / 10;
}

/** "2026-11-21 12:00:00.000Z" → "2026-11-21": a date Dutch Excel reads as one. */
function day(value: string | null): string | null {
	return value ? value.slice(0, 10) : null;
}

function sumOf(counts: ThemeCounts): number {
	return Object.values(counts).reduce((sum, count) => sum + (count ?? 0), 0);
}

/**
 * One table of the analysis as CSV: `buurten` (coverage, key figures, domains, themes, change),
 * `streets` (coverage), `themes` (raised against unmet) or `keyFigures` (reach).
 *
 * @example
 * const text = gapTableCsv(analysis, 'buurten', { label: (key) => m[`gaps_csv_${key}`]?.() });
 * new Blob([text], { type: 'text/csv;charset=utf-8' })
 */
export function gapTableCsv(
	analysis: GapAnalysis,
	table: CsvTable,
	options: CsvOptions = {}
): string {
	const locale = options.locale ?? 'nl';
	const label = (key: CsvLabel) => options.label?.(key) ?? LABELS[key][locale];
	const theme = (value: Theme) => options.themeLabel?.(value) ?? value;
	const yesNo = (value: boolean) => label(value ? 'yes' : 'no');
	const buurtName = new Map(analysis.buurten.map((b) => [b.area, b.name]));
	const areaName = (id: string) => buurtName.get(id) ?? id;

	switch (table) {
		case 'buurten':
			return toCsv([
				(
					[
						'code',
						'buurt',
						'addresses',
						'visited',
						'visitedPercent',
						'talked',
						'talkedPercent',
						'visitedBefore',
						'talkedBefore',
						'lastVisit',
						'daysSinceLastVisit',
						'suppressedAddresses',
						'keyFigures',
						'assets',
						'sociaal',
						'fysiek',
						'raised',
						'raisedBefore',
						'unmet',
						'unmetThemes',
						'newAssets',
						'newAssetsBefore'
					] as const
				).map(label),
				...analysis.buurten.map((b) => [
					b.code,
					b.name,
					b.addresses,
					b.visited,
					percent(b.visitedShare),
					b.talked,
					percent(b.talkedShare),
					b.visitedBefore,
					b.talkedBefore,
					day(b.lastVisit),
					b.daysSinceLastVisit,
					b.suppressedAddresses,
					b.keyFigures,
					b.assets,
					b.domain.sociaal,
					b.domain.fysiek,
					b.change.raised,
					b.change.raisedBefore,
					sumOf(b.unmet),
					(Object.entries(b.unmet) as [Theme, number][])
						.sort((x, y) => y[1] - x[1])
						.map(([t, count]) => `${theme(t)} (${count})`)
						.join(', '),
					b.change.newAssets,
					b.change.newAssetsBefore
				])
			]);
		case 'streets':
			return toCsv([
				(
					[
						'buurt',
						'street',
						'addresses',
						'visited',
						'visitedPercent',
						'talked',
						'talkedPercent',
						'visitedBefore',
						'talkedBefore',
						'lastVisit',
						'daysSinceLastVisit',
						'neverVisited',
						'suppressedAddresses'
					] as const
				).map(label),
				...analysis.streets.map((s) => [
					areaName(s.area),
					s.street || label('otherStreets'),
					s.addresses,
					s.visited,
					percent(s.visitedShare),
					s.talked,
					percent(s.talkedShare),
					s.visitedBefore,
					s.talkedBefore,
					day(s.lastVisit),
					s.daysSinceLastVisit,
					yesNo(s.neverVisited),
					s.suppressedAddresses
				])
			]);
		case 'themes':
			return toCsv([
				(
					[
						'theme',
						'domains',
						'raised',
						'raisedBefore',
						'unmet',
						'unmetPercent',
						'themeAssets'
					] as const
				).map(label),
				...analysis.themes.map((t) => [
					theme(t.theme),
					t.domains.map((d) => label(d)).join(', '),
					t.raised,
					t.raisedBefore,
					t.unmet,
					percent(t.unmetShare),
					t.assets
				])
			]);
		case 'keyFigures':
			return toCsv([
				(['keyFigure', 'buurt', 'direct', 'reach', 'residents'] as const).map(label),
				...analysis.keyFigures.map((k) => [
					k.title,
					areaName(k.area),
					k.direct,
					k.assets,
					k.residents
				])
			]);
	}
}
