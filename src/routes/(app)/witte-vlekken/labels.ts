// The gap view's words for figures, shared by the page, its table, the tooltips and the report:
// theme names, shares "3 van 10 (30%)", last visits, domain balance, why a network is thin, and
// the tooltips' DOM (built with textContent: area and asset names are user input).
import type { CsvTable } from '$lib/gaps/csv';
import type { BuurtSummary, Coverage, DomainBalance, HexCell } from '$lib/gaps/gap-analysis';
import {
	GAP_COLORS,
	percent,
	themesByCount,
	type GapLayerGroup,
	type Trend
} from '$lib/gaps/gap-view';
import type { ImageLegendItem } from '$lib/gaps/map-image';
import type { ThinBuurt } from '$lib/gaps/gap-thin';
import type { ThemeCounts } from '$lib/gaps/gap-input';
import { formatDate, toSupportedLocale } from '$lib/i18n/i18n';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime.js';
import { THEME_LABEL_KEYS, type Theme } from '$lib/vocabulary/vocabulary';

export const themeLabel = (theme: Theme): string => m[THEME_LABEL_KEYS[theme]]();

/** The name of a table: its tab, and its CSV file's. */
export const tabLabel = (table: CsvTable): string =>
	({
		buurten: m.gaps_tab_buurten,
		streets: m.gaps_tab_streets,
		themes: m.gaps_tab_themes,
		keyFigures: m.gaps_tab_key_figures
	})[table]();

/** "3 van 10 (30%)" */
export function shareText(count: number, of: number, share: number | null): string {
	return m.gaps_share({ count, of, percent: percent(share) });
}

/** "20 nov 2026 (11 dagen geleden)", or "nooit". */
export function lastVisitText(iso: string | null, days: number | null): string {
	if (!iso) return m.gaps_never();
	const date = formatDate(iso, toSupportedLocale(getLocale()));
	return days === null ? date : m.gaps_last_visit_ago({ date, days });
}

export function domainText(domain: DomainBalance): string {
	return m.gaps_domain_balance({ sociaal: domain.sociaal, fysiek: domain.fysiek });
}

/** "Taal 4, Jeugd 1", or "–". */
export function themesText(counts: ThemeCounts): string {
	const list = themesByCount(counts);
	return list.length === 0 ? '–' : list.map(([t, n]) => `${themeLabel(t)} ${n}`).join(', ');
}

export function trendLabel(value: Trend): string {
	return value === 'up'
		? m.gaps_trend_up()
		: value === 'down'
			? m.gaps_trend_down()
			: m.gaps_trend_same();
}

/** The hidden part of a viewer's figures, or ''. */
export function suppressedText(coverage: Pick<Coverage, 'suppressedAddresses'>): string {
	return coverage.suppressedAddresses > 0
		? m.gaps_suppressed({ count: coverage.suppressedAddresses })
		: '';
}

function tooltip(
	title: string,
	rows: [string, string][],
	note: string | string[] = ''
): HTMLElement {
	const root = document.createElement('div');
	root.className = 'kk-gap-tooltip';
	root.dataset.testid = 'gap-tooltip';
	const heading = document.createElement('strong');
	heading.textContent = title;
	root.append(heading);
	const list = document.createElement('dl');
	for (const [label, value] of rows) {
		const dt = document.createElement('dt');
		dt.textContent = label;
		const dd = document.createElement('dd');
		dd.textContent = value;
		list.append(dt, dd);
	}
	root.append(list);
	for (const text of [note].flat()) {
		if (!text) continue;
		const p = document.createElement('p');
		p.className = 'kk-gap-tooltip-note';
		p.textContent = text;
		root.append(p);
	}
	return root;
}

export function buurtTooltip(buurt: BuurtSummary): HTMLElement {
	return tooltip(
		buurt.name,
		[
			[m.gaps_col_addresses(), String(buurt.addresses)],
			[m.gaps_col_visited(), shareText(buurt.visited, buurt.addresses, buurt.visitedShare)],
			[m.gaps_col_talked(), shareText(buurt.talked, buurt.addresses, buurt.talkedShare)],
			[m.gaps_col_last_visit(), lastVisitText(buurt.lastVisit, buurt.daysSinceLastVisit)],
			[m.gaps_col_raised(), themesText(buurt.raised)],
			[m.gaps_col_unmet(), themesText(buurt.unmet)],
			[m.gaps_col_assets(), String(buurt.assets)],
			[m.gaps_col_key_figures(), buurt.keyFigures > 0 ? String(buurt.keyFigures) : m.gaps_none()],
			[m.gaps_col_domain(), domainText(buurt.domain)]
		],
		suppressedText(buurt)
	);
}

export function cellTooltip(cell: HexCell, aggregated: boolean): HTMLElement {
	const share = cell.addresses > 0 ? cell.visited / cell.addresses : null;
	const talkedShare = cell.addresses > 0 ? cell.talked / cell.addresses : null;
	return tooltip(
		m.gaps_cell_title(),
		[
			[m.gaps_col_addresses(), String(cell.addresses)],
			[m.gaps_col_visited(), shareText(cell.visited, cell.addresses, share)],
			[m.gaps_col_talked(), shareText(cell.talked, cell.addresses, talkedShare)],
			[m.gaps_col_raised(), themesText(cell.raised)],
			[m.gaps_col_unmet(), themesText(cell.unmet)],
			[m.gaps_col_assets(), String(cell.assets)],
			[m.gaps_col_key_figures(), cell.keyFigures > 0 ? String(cell.keyFigures) : m.gaps_none()],
			[m.gaps_col_domain(), domainText(cell.domain)]
		],
		aggregated ? m.gaps_cell_aggregated() : ''
	);
}

export function streetTooltip(street: string, addresses: number): HTMLElement {
	return tooltip(street, [[m.gaps_col_addresses(), String(addresses)]], m.gaps_never_visited());
}

/** Why a buurt's network is thin, a sentence a reason; a viewer's without the connector's name. */
export function thinReasons(buurt: ThinBuurt): string[] {
	const reasons: string[] = [];
	const { nodes, links, connector } = buurt;
	if (buurt.fewLinks) {
		reasons.push(
			links === null
				? m.gap_thin_few_links_small({ nodes })
				: m.gap_thin_few_links({ nodes, links })
		);
	}
	if (connector) {
		reasons.push(
			connector.label === null || connector.groups === null
				? m.gap_thin_connector_viewer()
				: m.gap_thin_connector({ name: connector.label, groups: connector.groups })
		);
	}
	return reasons;
}

export function thinTooltip(buurt: ThinBuurt, viewer: boolean): HTMLElement {
	return tooltip(
		m.gap_thin_title({ buurt: buurt.name }),
		[
			[m.gap_thin_assets(), String(buurt.nodes)],
			[m.gap_thin_links(), buurt.links === null ? m.gap_thin_small() : String(buurt.links)]
		],
		[...thinReasons(buurt), viewer ? m.gap_thin_viewer_note() : '']
	);
}

/** A legend's line: the same on the map and in the PNG. */
export type LegendItem = ImageLegendItem;

export interface LegendGroup {
	id: GapLayerGroup;
	title: string;
	items: LegendItem[];
}

/** What the colours mean, per layer group: the map's legend and the PNG's. */
export function legendGroups(theme: Theme | null): LegendGroup[] {
	const steps = GAP_COLORS.coverage;
	const unmet = GAP_COLORS.unmet;
	return [
		{
			id: 'coverage',
			title: m.gaps_layer_coverage(),
			items: [
				...steps.map(([from, color], i): LegendItem => {
					const to = i + 1 < steps.length ? steps[i + 1][0] : 1;
					return {
						swatch: 'fill',
						color,
						label: m.gaps_legend_range({ from: percent(from), to: percent(to) })
					};
				}),
				{ swatch: 'fill', color: GAP_COLORS.noAddresses, label: m.gaps_legend_no_addresses() }
			]
		},
		{
			id: 'cells',
			title: theme ? m.gaps_layer_cells_theme({ theme: themeLabel(theme) }) : m.gaps_layer_cells(),
			items: unmet.map(([from, color], i): LegendItem => {
				const to = i + 1 < unmet.length ? unmet[i + 1][0] - 1 : null;
				return {
					swatch: 'fill',
					color,
					label:
						to === null
							? m.gaps_legend_unmet_more({ from })
							: from === to
								? m.gaps_legend_unmet_one({ count: from })
								: m.gaps_legend_unmet_range({ from, to })
				};
			})
		},
		{
			id: 'keyFigures',
			title: m.gaps_layer_key_figures(),
			items: [{ swatch: 'hatch', color: GAP_COLORS.hatch, label: m.gaps_legend_no_key_figure() }]
		},
		{
			id: 'streets',
			title: m.gaps_layer_streets(),
			items: [{ swatch: 'dot', color: GAP_COLORS.neverVisited, label: m.gaps_never_visited() }]
		},
		{
			id: 'assets',
			title: m.gaps_layer_assets(),
			items: [
				{ swatch: 'dot', color: GAP_COLORS.asset, label: m.gaps_legend_asset() },
				{ swatch: 'dot', color: GAP_COLORS.keyFigure, label: m.asset_kind_key_figure() }
			]
		},
		{
			id: 'thin',
			title: m.gap_thin_layer(),
			items: [{ swatch: 'dash', color: GAP_COLORS.thin, label: m.gap_thin_legend() }]
		}
	];
}
