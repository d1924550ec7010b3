// Guards the basemap modes: offline needs no network (no glyphs, sprite, tiles or text layers),
// online puts OSM above the offline layers, auto falls back instead of leaving a blank map.
import { describe, expect, it } from 'vitest';
import type { StyleSpecification } from 'maplibre-gl';
import { LAYER_ORDER } from './layer-order';
import {
	OSM_ATTRIBUTION,
	OSM_TILE_URL,
	basemapDataUrls,
	fallbackFor,
	offlineStyle,
	onlineRasterStyle,
	parseMapConfig,
	resolveBasemap
} from './basemap';

const data = basemapDataUrls('https://kaart.example.nl/some/page');

function urlsIn(style: StyleSpecification): string[] {
	return JSON.stringify(style).match(/https?:\/\/[^"]+/g) ?? [];
}

describe('offline style', () => {
	const style = offlineStyle(data);

	it('uses only the bundled data, from the page origin', () => {
		expect(data.gemeenten).toBe('https://kaart.example.nl/basemap/gemeenten-nl.geojson');
		expect(data.streetlights).toBe('https://kaart.example.nl/basemap/utrecht-streetlights.geojson');
		expect(urlsIn(style).every((u) => u.startsWith('https://kaart.example.nl/'))).toBe(true);
	});

	it('needs no glyphs, sprite or text layers', () => {
		expect(style.glyphs).toBeUndefined();
		expect(style.sprite).toBeUndefined();
		expect(style.layers.some((l) => l.type === 'symbol')).toBe(false);
	});

	it('draws background, gemeenten and street lights in LAYER_ORDER', () => {
		const ids = style.layers.map((l) => l.id);
		expect(ids).toEqual(['background', 'gemeenten-fill', 'streetlights', 'gemeenten-line']);
		const positions = ids.map((id) => LAYER_ORDER.indexOf(id as (typeof LAYER_ORDER)[number]));
		expect(positions).toEqual([...positions].sort((a, b) => a - b));
		const lights = style.layers.find((l) => l.id === 'streetlights');
		expect(lights?.type).toBe('circle');
		expect(lights?.minzoom).toBeGreaterThanOrEqual(12);
		expect(lights?.minzoom).toBeLessThanOrEqual(13.5);
	});
});

describe('online style', () => {
	const style = onlineRasterStyle(data);

	it('adds OSM raster tiles with attribution, above the offline layers', () => {
		expect(style.sources.osm).toMatchObject({
			type: 'raster',
			tiles: [OSM_TILE_URL],
			attribution: OSM_ATTRIBUTION
		});
		const ids = style.layers.map((l) => l.id);
		expect(ids.indexOf('osm')).toBeGreaterThan(ids.indexOf('streetlights'));
		expect(ids.indexOf('osm')).toBeLessThan(ids.indexOf('gemeenten-line'));
		expect(style.glyphs).toBeUndefined();
	});
});

describe('resolveBasemap', () => {
	it('offline is offline whatever the network says', () => {
		const b = resolveBasemap(
			{ basemap: 'offline', onlineStyleUrl: 'https://x/style.json' },
			{ online: true, data }
		);
		expect(b).toMatchObject({ mode: 'offline', fallback: 'none' });
		expect(urlsIn(b.style as StyleSpecification)).not.toContain(OSM_TILE_URL);
	});

	it('online uses OSM, or the configured style URL, without fallback', () => {
		expect(
			resolveBasemap({ basemap: 'online', onlineStyleUrl: '' }, { online: false, data })
		).toMatchObject({
			mode: 'online',
			fallback: 'none'
		});
		expect(
			resolveBasemap(
				{ basemap: 'online', onlineStyleUrl: 'https://tiles.example/style.json' },
				{ online: true, data }
			)
		).toEqual({ mode: 'online', style: 'https://tiles.example/style.json', fallback: 'none' });
	});

	it('auto follows navigator.onLine and keeps a fallback', () => {
		const config = { basemap: 'auto', onlineStyleUrl: '' } as const;
		expect(resolveBasemap(config, { online: false, data }).mode).toBe('offline');
		expect(resolveBasemap(config, { online: true, data })).toMatchObject({
			mode: 'online',
			fallback: 'drop-raster'
		});
		expect(
			resolveBasemap(
				{ ...config, onlineStyleUrl: 'https://tiles.example/style.json' },
				{ online: true, data }
			).fallback
		).toBe('offline-style');
	});
});

describe('fallbackFor', () => {
	it('drops the raster only for OSM tile errors', () => {
		const basemap = { fallback: 'drop-raster' } as const;
		expect(fallbackFor(basemap, { sourceId: 'osm' }, true)).toBe('drop-raster');
		expect(fallbackFor(basemap, { sourceId: 'assets' }, true)).toBe('none');
		expect(fallbackFor(basemap, {}, false)).toBe('none');
	});

	it('swaps an external style for the offline one when it or its tiles fail', () => {
		const basemap = { fallback: 'offline-style' } as const;
		expect(fallbackFor(basemap, {}, false)).toBe('offline-style');
		expect(fallbackFor(basemap, {}, true)).toBe('none');
		expect(fallbackFor(basemap, { sourceId: 'openmaptiles' }, true)).toBe('offline-style');
		expect(fallbackFor(basemap, { sourceId: 'areas' }, true)).toBe('none');
	});

	it('never falls back outside auto', () => {
		expect(fallbackFor({ fallback: 'none' }, { sourceId: 'osm' }, true)).toBe('none');
	});
});

describe('parseMapConfig', () => {
	it('accepts the three modes and an http(s) style URL', () => {
		expect(parseMapConfig({ basemap: 'offline', onlineStyleUrl: '' })).toEqual({
			basemap: 'offline',
			onlineStyleUrl: '',
			staleAfterDays: 365
		});
		expect(
			parseMapConfig({ basemap: 'online', onlineStyleUrl: ' https://x/style.json ' }).onlineStyleUrl
		).toBe('https://x/style.json');
	});

	it('falls back to auto and drops odd URLs', () => {
		expect(parseMapConfig(null)).toEqual({
			basemap: 'auto',
			onlineStyleUrl: '',
			staleAfterDays: 365
		});
		expect(parseMapConfig({ basemap: 'satellite', onlineStyleUrl: 'javascript:alert(1)' })).toEqual(
			{
				basemap: 'auto',
				onlineStyleUrl: '',
				staleAfterDays: 365
			}
		);
	});

	it('takes a positive whole number of days before an asset is stale', () => {
		expect(parseMapConfig({ basemap: 'offline', staleAfterDays: 90 }).staleAfterDays).toBe(90);
		for (const bad of [0, -5, 1.5, '90', null, Infinity]) {
			expect(parseMapConfig({ staleAfterDays: bad }).staleAfterDays).toBe(365);
		}
	});
});
