// Guards the basemap modes: offline needs no network (no glyphs, sprite, tiles or text layers);
// online reads a vector style (PDOK's by default) made ours over the offline layers, with OSM
// raster tiles when it cannot be read; auto never leaves a blank map.
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
	BasemapStyleError,
	PDOK_STYLE_URL,
	absoluteUrl,
	basemapPlan,
	failedVectorBasemap,
	parseTileJson,
	prepareStyle,
	styleOriginOf,
	tileJsonUrlsOf
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

describe('basemapPlan', () => {
	it('offline is offline whatever the network says', () => {
		expect(
			basemapPlan({ basemap: 'offline', onlineStyleUrl: 'https://x/style.json' }, { online: true })
		).toEqual({ kind: 'offline' });
	});

	it('online and auto read PDOK, or the configured style URL', () => {
		expect(basemapPlan({ basemap: 'online', onlineStyleUrl: '' }, { online: false })).toEqual({
			kind: 'vector',
			styleUrl: PDOK_STYLE_URL,
			onFailure: 'osm'
		});
		expect(
			basemapPlan(
				{ basemap: 'auto', onlineStyleUrl: 'https://tiles.example/style.json' },
				{ online: true }
			)
		).toEqual({ kind: 'vector', styleUrl: 'https://tiles.example/style.json', onFailure: 'osm' });
	});

	it('auto without a network still tries the style (kept offline), else the offline style', () => {
		const plan = basemapPlan({ basemap: 'auto', onlineStyleUrl: '' }, { online: false });
		expect(plan).toEqual({ kind: 'vector', styleUrl: PDOK_STYLE_URL, onFailure: 'offline' });
		if (plan.kind !== 'vector') throw new Error('vector');
		expect(failedVectorBasemap(plan, { basemap: 'auto' }, data)).toEqual({
			mode: 'offline',
			style: offlineStyle(data),
			fallback: 'none'
		});
	});

	it('falls back to OSM tiles when the style cannot be read with a network', () => {
		const plan = { kind: 'vector', styleUrl: PDOK_STYLE_URL, onFailure: 'osm' } as const;
		expect(failedVectorBasemap(plan, { basemap: 'auto' }, data)).toEqual({
			mode: 'online',
			style: onlineRasterStyle(data),
			fallback: 'drop-raster'
		});
		expect(failedVectorBasemap(plan, { basemap: 'online' }, data).fallback).toBe('none');
	});
});

describe('fallbackFor', () => {
	it('drops the raster only for OSM tile errors', () => {
		const basemap = { fallback: 'drop-raster' } as const;
		expect(fallbackFor(basemap, { sourceId: 'osm' })).toBe('drop-raster');
		expect(fallbackFor(basemap, { sourceId: 'assets' })).toBe('none');
		expect(fallbackFor(basemap, {})).toBe('none');
	});

	it("says so when a vector basemap's tiles fail, not for our own sources", () => {
		const basemap = { fallback: 'notice' } as const;
		expect(fallbackFor(basemap, { sourceId: 'basemap-brt' })).toBe('notice');
		expect(fallbackFor(basemap, { sourceId: 'areas' })).toBe('none');
		expect(fallbackFor(basemap, {})).toBe('none');
	});

	it('never falls back outside auto', () => {
		expect(fallbackFor({ fallback: 'none' }, { sourceId: 'osm' })).toBe('none');
	});
});

describe('prepareStyle', () => {
	const styleUrl = 'https://tiles.example/styles/basis.json?f=mapbox';
	const external = {
		version: 8,
		glyphs: 'https://tiles.example/fonts/{fontstack}/{range}.pbf',
		sprite: '../sprites/basis',
		sources: {
			brt: { type: 'vector', url: '../tiles.json' },
			areas: { type: 'vector', tiles: ['/t/{z}/{y}/{x}?f=mvt'], attribution: 'Eigen' }
		},
		layers: [
			{ id: 'background', type: 'background', paint: { 'background-color': '#fff' } },
			{ id: 'water', type: 'fill', source: 'brt', 'source-layer': 'water' },
			{ id: 'assets', type: 'line', source: 'areas', 'source-layer': 'roads' },
			{
				id: 'names',
				type: 'symbol',
				source: 'brt',
				'source-layer': 'roads',
				layout: { 'text-field': ['get', 'name'], 'text-font': ['Noto Sans Regular'] }
			}
		]
	};
	const tileJson = {
		'https://tiles.example/tiles.json': parseTileJson(
			{ tiles: ['tiles/{z}/{x}/{y}.pbf'], maxzoom: 17, minzoom: 0 },
			'https://tiles.example/tiles.json'
		)
	};
	const style = prepareStyle(external, { styleUrl, tileJson }, data, 'Kaart © Kadaster');

	it('drops the glyphs URL (labels are drawn locally) and makes every URL absolute', () => {
		expect(style.glyphs).toBeUndefined();
		expect(style.sprite).toBe('https://tiles.example/sprites/basis');
		expect(style.sources['basemap-brt']).toMatchObject({
			type: 'vector',
			tiles: ['https://tiles.example/tiles/{z}/{x}/{y}.pbf'],
			maxzoom: 17,
			attribution: 'Kaart © Kadaster'
		});
		expect(style.sources['basemap-brt']).not.toHaveProperty('url');
		expect(style.sources['basemap-areas']).toMatchObject({
			tiles: ['https://tiles.example/t/{z}/{y}/{x}?f=mvt'],
			attribution: 'Eigen'
		});
	});

	it('renames its sources and layers so they never meet ours, over our offline layers', () => {
		const ids = style.layers.map((l) => l.id);
		expect(ids).toEqual([
			'background',
			'gemeenten-fill',
			'streetlights',
			'basemap-water',
			'basemap-assets',
			'basemap-names',
			'gemeenten-line'
		]);
		expect(style.layers.find((l) => l.id === 'basemap-assets')).toMatchObject({
			source: 'basemap-areas'
		});
		expect(Object.keys(style.sources).sort()).toEqual([
			'basemap-areas',
			'basemap-brt',
			'gemeenten',
			'streetlights'
		]);
	});

	it('remembers where it came from, for "Kaart offline"', () => {
		expect(styleOriginOf(style)).toEqual({
			styleUrl,
			tileJsonUrls: ['https://tiles.example/tiles.json']
		});
		expect(styleOriginOf(offlineStyle(data))).toBeNull();
		expect(tileJsonUrlsOf(external, styleUrl)).toEqual(['https://tiles.example/tiles.json']);
	});

	it('refuses what is not a style, or a TileJSON it was not given', () => {
		expect(() => prepareStyle({ version: 7 }, { styleUrl, tileJson }, data)).toThrow(
			BasemapStyleError
		);
		expect(() => prepareStyle(external, { styleUrl, tileJson: {} }, data)).toThrow(
			/TileJSON not read/
		);
		expect(() => parseTileJson({ tiles: [] }, 'https://x/t.json')).toThrow(BasemapStyleError);
	});

	it('keeps placeholders when resolving relative tile URLs', () => {
		expect(absoluteUrl('{z}/{x}/{y}.png', 'https://a.example/b/style.json')).toBe(
			'https://a.example/b/{z}/{x}/{y}.png'
		);
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
