// A basemap server for the e2e tests, which cannot reach PDOK: a MapLibre style with a glyphs URL
// and a sprite (as PDOK's and most hosted styles have), a TileJSON document, and vector tiles cut
// on the fly (geojson-vt, encoded with vt-pbf) from real data: the buurten of Overvecht as land,
// and its streets as lines with their names. It counts what it is asked for.
import { readFileSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { GeoJSONVT } from '@maplibre/geojson-vt';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import type { Feature, FeatureCollection, LineString, Point, Polygon, MultiPolygon } from 'geojson';
import { ROOT } from './pocketbase';

const DATA = join(ROOT, 'scripts', 'demo', 'data');
export const TEST_BASEMAP_MAXZOOM = 16;

export interface TileServer {
	url: string;
	styleUrl: string;
	/** Every path asked for, in order. */
	requests: string[];
	/** Holds back every tile until `release` (a download caught halfway, deterministically). */
	hold(): void;
	release(): void;
	close(): Promise<void>;
}

/** The streets of Overvecht as lines: each street from its first to its last address point. */
function streetLines(): Feature<LineString, { name: string }>[] {
	const points = JSON.parse(
		readFileSync(join(DATA, 'overvecht_streets.geojson'), 'utf8')
	) as FeatureCollection<Point, { street: string }>;
	const byStreet = new Map<string, [number, number][]>();
	for (const f of points.features) {
		const list = byStreet.get(f.properties.street) ?? [];
		list.push(f.geometry.coordinates as [number, number]);
		byStreet.set(f.properties.street, list);
	}
	return [...byStreet]
		.filter(([, coords]) => coords.length >= 2)
		.map(([name, coords]) => {
			const sorted = [...coords].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
			return {
				type: 'Feature',
				properties: { name },
				geometry: { type: 'LineString', coordinates: [sorted[0], sorted[sorted.length - 1]] }
			};
		});
}

function overvechtLand(): FeatureCollection<Polygon | MultiPolygon> {
	const buurten = JSON.parse(
		readFileSync(join(DATA, 'buurten.geojson'), 'utf8')
	) as FeatureCollection<Polygon | MultiPolygon, { code: string }>;
	return {
		type: 'FeatureCollection',
		features: buurten.features.filter((f) => f.properties.code.startsWith('BU034403'))
	};
}

function style(base: string) {
	return {
		version: 8,
		name: 'Test basemap',
		glyphs: `${base}/fonts/{fontstack}/{range}.pbf`,
		sprite: `${base}/sprites/basis`,
		sources: { brt: { type: 'vector', url: `${base}/tiles.json` } },
		layers: [
			{ id: 'achtergrond', type: 'background', paint: { 'background-color': '#ffffff' } },
			{
				id: 'land',
				type: 'fill',
				source: 'brt',
				'source-layer': 'land',
				paint: { 'fill-color': '#f2efe6' }
			},
			{
				id: 'wegen',
				type: 'line',
				source: 'brt',
				'source-layer': 'wegen',
				paint: { 'line-color': '#c8c2b4', 'line-width': 4 }
			},
			{
				id: 'straatnamen',
				type: 'symbol',
				source: 'brt',
				'source-layer': 'wegen',
				layout: {
					'symbol-placement': 'line-center',
					'text-field': ['get', 'name'],
					'text-font': ['Noto Sans Regular'],
					'text-size': 12
				},
				paint: { 'text-color': '#555555' }
			}
		]
	};
}

/** Starts the server on a free port of 127.0.0.1. */
export async function startTileServer(): Promise<TileServer> {
	const land = new GeoJSONVT(overvechtLand(), { maxZoom: TEST_BASEMAP_MAXZOOM });
	const wegen = new GeoJSONVT(
		{ type: 'FeatureCollection', features: streetLines() },
		{ maxZoom: TEST_BASEMAP_MAXZOOM }
	);
	const sprite = readFileSync(join(ROOT, 'static', 'icon-192.png'));
	const requests: string[] = [];
	let base = '';
	let held: (() => void)[] | null = null;
	/** A vector tile of both layers, or 204 where neither has data (as PDOK answers). */
	function serveTile(tile: RegExpExecArray, response: ServerResponse) {
		const [z, x, y] = tile.slice(1).map(Number);
		const layers = Object.fromEntries(
			Object.entries({ land, wegen }).flatMap(([name, index]) => {
				const t = index.getTile(z, x, y);
				return t ? [[name, t]] : [];
			})
		);
		if (Object.keys(layers).length === 0) {
			response.statusCode = 204;
			response.end();
			return;
		}
		response.setHeader('Content-Type', 'application/x-protobuf');
		response.end(Buffer.from(fromGeojsonVt(layers)));
	}
	const server: Server = createServer((request, response) => {
		const path = request.url ?? '/';
		requests.push(path);
		// The app's origin reads these cross-origin, as it reads PDOK.
		response.setHeader('Access-Control-Allow-Origin', '*');
		const json = (body: unknown) => {
			response.setHeader('Content-Type', 'application/json');
			response.end(JSON.stringify(body));
		};
		const tile = /^\/tiles\/(\d+)\/(\d+)\/(\d+)\.pbf$/.exec(path);
		if (path === '/style.json') return json(style(base));
		if (path === '/tiles.json') {
			return json({
				tilejson: '3.0.0',
				tiles: ['tiles/{z}/{x}/{y}.pbf'],
				minzoom: 0,
				maxzoom: TEST_BASEMAP_MAXZOOM,
				attribution: 'Testkaart © Krachtkaart-tests'
			});
		}
		if (/^\/sprites\/basis(@2x)?\.json$/.test(path)) {
			return json({ punt: { x: 0, y: 0, width: 16, height: 16, pixelRatio: 1 } });
		}
		if (/^\/sprites\/basis(@2x)?\.png$/.test(path)) {
			response.setHeader('Content-Type', 'image/png');
			return response.end(sprite);
		}
		if (tile && held) {
			held.push(() => serveTile(tile, response));
			return;
		}
		if (tile) return serveTile(tile, response);
		response.statusCode = 404;
		response.end();
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return {
		url: base,
		styleUrl: `${base}/style.json`,
		requests,
		hold: () => {
			held ??= [];
		},
		release: () => {
			const waiting = held ?? [];
			held = null;
			for (const serve of waiting) serve();
		},
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			})
	};
}
