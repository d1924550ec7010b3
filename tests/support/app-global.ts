// Global setup of the e2e project: fails fast without Chromium or a build, serves the built app
// from a real PocketBase (offline basemap, so no test needs the internet) and loads a small real
// fixture: wijk 03 Overvecht (Utrecht) with its 10 CBS buurten, a handful of assets in them, a
// few addresses, two coordinators, a worker and a viewer of the wijk.
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import PocketBase, { type AuthRecord } from 'pocketbase';
import type { TestProject } from 'vitest/node';
import './mail-drop';
import { ROOT, signInTestSuperuser, startPocketBase, type RunningPocketBase } from './pocketbase';

export interface E2eUser {
	email: string;
	password: string;
	name: string;
}

export interface E2eOvervecht {
	wijkId: string;
	buurtCodes: string[];
	/** Assets the coordinator should see on the map. */
	visibleAssetIds: string[];
	/** An ended asset in the wijk: stored, but never on the map. */
	endedAssetId: string;
	keyFigureId: string;
	/** The initiative "Moestuin Wolgadreef", to link new assets to. */
	initiativeId: string;
	/** A street position inside a buurt, away from the fixture's assets: where tests add one. */
	freePoint: { lon: number; lat: number; buurtId: string; buurtName: string };
	/** A fixture address (in another buurt than freePoint), for the address search. */
	address: { street: string; number: string; lon: number; lat: number; buurtId: string };
}

declare module 'vitest' {
	export interface ProvidedContext {
		appUrl: string;
		/**
		 * The superuser's session on the app's server. She signs in once, here: PocketBase allows
		 * 5 codes per account and address in 3 minutes, and every e2e file arranges data as her.
		 */
		appSuperuserAuth: { token: string; record: AuthRecord };
		chromiumPath: string;
		coordinator: E2eUser;
		/** A second coordinator of the same wijk (a colleague, for live updates). */
		colleague: E2eUser;
		worker: E2eUser;
		/** A viewer ("meelezer") of the wijk: reads the map, changes nothing. */
		viewer: E2eUser;
		overvecht: E2eOvervecht;
	}
}

const WIJK_CODE = 'WK034403';
const GEMEENTE_CODE = 'GM0344';
const DATA_DIR = join(ROOT, 'scripts', 'demo', 'data');

type Props = { code: string; name: string; parentCode?: string };
type AreaFeature = Feature<Polygon | MultiPolygon, Props>;

function fail(message: string): never {
	throw new Error(`[e2e setup] ${message}`);
}

function readCollection<G extends Polygon | MultiPolygon | Point, P>(name: string) {
	const file = join(DATA_DIR, name);
	if (!existsSync(file)) {
		fail(`${file} is missing; it is written by scripts/demo/prepare-data.mjs.`);
	}
	return JSON.parse(readFileSync(file, 'utf8')) as FeatureCollection<G, P>;
}

export function checkChromium(): string {
	const path = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
	if (!existsSync(path)) {
		fail(
			`Chromium not found at ${path}. Install it (Debian: apt-get install chromium) or set ` +
				'CHROMIUM_PATH to a Chromium/Chrome binary. The e2e tests drive a real browser.'
		);
	}
	return path;
}

export function checkBuild(): string {
	const dir = join(ROOT, 'build');
	if (!existsSync(join(dir, 'index.html'))) {
		fail(`${dir}/index.html not found. Build the app first: npm run test:e2e builds, then tests.`);
	}
	return dir;
}

/** The assets of the fixture: kind, title and the buurt they sit in (a point inside it). */
const ASSETS = [
	{ kind: 'key_figure', title: 'Fatima, spil van de Zamenhofdreef', buurt: 'BU03440321' },
	{ kind: 'capacity', title: 'Kookt voor de buren', buurt: 'BU03440311' },
	{ kind: 'initiative', title: 'Moestuin Wolgadreef', buurt: 'BU03440312' },
	{ kind: 'association', title: 'Buurtvaders Overvecht', buurt: 'BU03440341' },
	{ kind: 'institution', title: 'Bibliotheek Overvecht', buurt: 'BU03440322' },
	{ kind: 'place', title: 'Park de Watertoren', buurt: 'BU03440331' },
	{ kind: 'business', title: 'Fietsenmaker aan de dreef', buurt: 'BU03440342' }
] as const;

async function loadFixture(server: RunningPocketBase) {
	const su = new PocketBase(server.url);
	su.autoCancellation(false);
	const superuserAuth = await signInTestSuperuser(su, server.dataDir);
	// Every browser context is a device of its own, with its own address (tests/support/browser.ts
	// sends it as X-Forwarded-For), as the team's phones are in the street. PocketBase allows 5
	// code attempts per account and address in 3 minutes, hard-wired (apis/record_auth_with_otp.go),
	// and the suite signs the same coordinator in some fifteen times; from one address the sixth
	// would be refused. Requests from Node (fixtures) keep 127.0.0.1.
	await su.settings.update({
		trustedProxy: { headers: ['X-Forwarded-For'], useLeftmostIP: false }
	});

	const gemeenten = readCollection<Polygon | MultiPolygon, Props>('gemeenten.geojson');
	const wijken = readCollection<Polygon | MultiPolygon, Props>('wijken.geojson');
	const buurten = readCollection<Polygon | MultiPolygon, Props>('buurten.geojson');
	const lights = readCollection<Point, { street: string; buurtCode: string }>(
		'overvecht_streets.geojson'
	);

	const gemeente = gemeenten.features.find((f) => f.properties.code === GEMEENTE_CODE);
	const wijk = wijken.features.find((f) => f.properties.code === WIJK_CODE);
	const wijkBuurten = buurten.features.filter((f) => f.properties.parentCode === WIJK_CODE);
	if (!gemeente || !wijk) fail(`${GEMEENTE_CODE} or ${WIJK_CODE} not in scripts/demo/data`);
	if (wijkBuurten.length !== 10)
		fail(`expected 10 buurten in ${WIJK_CODE}, got ${wijkBuurten.length}`);

	const createArea = (f: AreaFeature, level: string, parent = '') =>
		su.collection('areas').create({
			code: f.properties.code,
			name: f.properties.name,
			level,
			parent,
			geometry: f.geometry
		});

	const gemeenteRecord = await createArea(gemeente, 'gemeente');
	const wijkRecord = await createArea(wijk, 'wijk', gemeenteRecord.id);
	const buurtIds = new Map<string, string>();
	for (const buurt of wijkBuurten) {
		const record = await createArea(buurt, 'buurt', wijkRecord.id);
		buurtIds.set(buurt.properties.code, record.id);
	}

	/** The nth street-light mast inside the buurt: a real street position for a demo asset. */
	const lightIn = (code: string, nth = 0) => {
		const polygon = wijkBuurten.find((b) => b.properties.code === code);
		const inside = lights.features.filter(
			(l) => l.properties.buurtCode === code && polygon && booleanPointInPolygon(l, polygon)
		);
		const light = inside[Math.min(nth, inside.length - 1)];
		if (!light) fail(`no street light inside ${code}`);
		const [lon, lat] = light.geometry.coordinates;
		return { lon, lat, street: light.properties.street };
	};
	const pointIn = (code: string) => {
		const { lon, lat } = lightIn(code);
		return { lon, lat };
	};

	const visibleAssetIds: string[] = [];
	let keyFigureId = '';
	let initiativeId = '';
	for (const asset of ASSETS) {
		const record = await su.collection('assets').create({
			kind: asset.kind,
			title: asset.title,
			location: pointIn(asset.buurt),
			precision: 'street',
			area: buurtIds.get(asset.buurt),
			status: 'active',
			isDemo: true
		});
		visibleAssetIds.push(record.id);
		if (asset.kind === 'key_figure') keyFigureId = record.id;
		if (asset.kind === 'initiative') initiativeId = record.id;
	}
	const ended = await su.collection('assets').create({
		kind: 'initiative',
		title: 'Zomerfeest 2019 (afgelopen)',
		location: pointIn('BU03440332'),
		precision: 'street',
		area: buurtIds.get('BU03440332'),
		status: 'ended',
		isDemo: true
	});

	// Where tests add assets: the middle of a street in a buurt without a fixture asset.
	const FREE_BUURT = 'BU03440332';
	const free = lightIn(FREE_BUURT, 25);
	const freePoint = {
		lon: free.lon,
		lat: free.lat,
		buurtId: buurtIds.get(FREE_BUURT)!,
		buurtName: wijkBuurten.find((b) => b.properties.code === FREE_BUURT)!.properties.name
	};

	// Two addresses on a real street of another buurt, for the address search.
	const ADDRESS_BUURT = 'BU03440341';
	const street = lightIn(ADDRESS_BUURT, 10);
	for (const number of ['12', '14']) {
		await su.collection('addresses').create({
			street: street.street,
			number,
			postcode: '3564 AB',
			city: 'Utrecht',
			location: { lon: street.lon, lat: street.lat },
			area: buurtIds.get(ADDRESS_BUURT),
			isDemo: true
		});
	}
	const address = {
		street: street.street,
		number: '12',
		lon: street.lon,
		lat: street.lat,
		buurtId: buurtIds.get(ADDRESS_BUURT)!
	};

	const createUser = async (user: E2eUser, role: string) => {
		await su.collection('users').create({
			email: user.email,
			password: user.password,
			passwordConfirm: user.password,
			name: user.name,
			role,
			areas: [wijkRecord.id]
		});
		return user;
	};
	const coordinator = await createUser(
		{
			email: 'coordinator@e2e.krachtkaart.nl',
			password: 'e2e-carla-pass',
			name: 'Carla de Wit'
		},
		'coordinator'
	);
	const colleague = await createUser(
		{ email: 'colleague@e2e.krachtkaart.nl', password: 'e2e-karim-pass', name: 'Karim Bakker' },
		'coordinator'
	);
	const worker = await createUser(
		{ email: 'worker@e2e.krachtkaart.nl', password: 'e2e-wendy-pass', name: 'Wendy Jansen' },
		'worker'
	);
	const viewer = await createUser(
		{ email: 'viewer@e2e.krachtkaart.nl', password: 'e2e-vera-pass', name: 'Vera Smit' },
		'viewer'
	);

	const overvecht: E2eOvervecht = {
		wijkId: wijkRecord.id,
		buurtCodes: wijkBuurten.map((b) => b.properties.code).sort(),
		visibleAssetIds,
		endedAssetId: ended.id,
		keyFigureId,
		initiativeId,
		freePoint,
		address
	};
	return {
		superuserAuth: { token: superuserAuth.token, record: superuserAuth.record },
		coordinator,
		colleague,
		worker,
		viewer,
		overvecht
	};
}

export default async function setup(project: TestProject) {
	const chromiumPath = checkChromium();
	const publicDir = checkBuild();
	const pocketbase = await startPocketBase({ publicDir, env: { KRACHTKAART_BASEMAP: 'offline' } });
	try {
		const { superuserAuth, coordinator, colleague, worker, viewer, overvecht } =
			await loadFixture(pocketbase);
		project.provide('appUrl', pocketbase.url);
		project.provide('appSuperuserAuth', superuserAuth);
		project.provide('mailDir', pocketbase.mailDir);
		project.provide('chromiumPath', chromiumPath);
		project.provide('coordinator', coordinator);
		project.provide('colleague', colleague);
		project.provide('worker', worker);
		project.provide('viewer', viewer);
		project.provide('overvecht', overvecht);
	} catch (error) {
		await pocketbase.stop();
		throw error;
	}
	return () => pocketbase.stop();
}
