#!/usr/bin/env node
// Finds or builds the pinned PocketBase, in this order:
//   1. the binary named by POCKETBASE_BIN;
//   2. `pocketbase` on PATH, when it reports the pinned version;
//   3. an earlier build or download in .pocketbase/;
//   4. a build of the pinned Go module (examples/base) with the pinned Go toolchain, which the
//      local `go` (1.21 or newer) fetches from the module proxy once (GOTOOLCHAIN);
//   5. the official release zip for this platform, its SHA-256 checked against the release's
//      checksums.txt.
// Run directly (`npm run db:setup`) it prints the path of the binary.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { arch, platform } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateRawSync } from 'node:zlib';

export const POCKETBASE_VERSION = '0.40.4';
/** PocketBase 0.40 needs Go 1.27; the go command fetches this toolchain itself (≈76 MB, once). */
export const GO_TOOLCHAIN = 'go1.27.3';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cacheDir = join(root, '.pocketbase');
const exe = platform() === 'win32' ? '.exe' : '';
const cachedBinary = join(cacheDir, `pocketbase-${POCKETBASE_VERSION}${exe}`);

/** @param {string} message */
const log = (message) => process.stderr.write(`[pocketbase] ${message}\n`);

/** @param {string} bin @returns {string | null} the version the binary reports */
function versionOf(bin) {
	const result = spawnSync(bin, ['--version'], { encoding: 'utf8' });
	if (result.status !== 0) return null;
	return result.stdout.trim().split(/\s+/).pop() ?? null;
}

/** @param {string} name @returns {string | null} the first `name` on PATH */
export function onPath(name) {
	const finder = platform() === 'win32' ? 'where' : 'which';
	const result = spawnSync(finder, [name], { encoding: 'utf8' });
	return result.status === 0 ? result.stdout.split('\n')[0].trim() : null;
}

/**
 * Builds a Go command with `go install` into `target` (a static binary: CGO off, paths trimmed).
 * False when there is no `go` or the build fails; the build's own output says why.
 * @param {{ module: string, ldflags: string, built: string, target: string, env?: Record<string, string>, log: (message: string) => void }} build
 *   `module` as `path@version`; `built` the binary's name as `go install` names it.
 */
export function goInstall({ module, ldflags, built, target, env = {}, log }) {
	const go = onPath('go');
	if (!go) return false;
	const gobin = `${target}.gobin`;
	rmSync(gobin, { recursive: true, force: true });
	mkdirSync(gobin, { recursive: true });
	const result = spawnSync(go, ['install', '-trimpath', `-ldflags=-s -w ${ldflags}`, module], {
		stdio: ['ignore', 'inherit', 'inherit'],
		env: { ...process.env, GOBIN: gobin, CGO_ENABLED: '0', ...env }
	});
	const binary = join(gobin, `${built}${exe}`);
	const ok = result.status === 0 && existsSync(binary);
	if (ok) renameSync(binary, target);
	else log('the Go build failed (see above)');
	rmSync(gobin, { recursive: true, force: true });
	return ok;
}

function buildWithGo() {
	if (!onPath('go')) return false;
	log(`building PocketBase v${POCKETBASE_VERSION} from its Go module (takes a minute or two)...`);
	return goInstall({
		module: `github.com/pocketbase/pocketbase/examples/base@v${POCKETBASE_VERSION}`,
		ldflags: `-X github.com/pocketbase/pocketbase.Version=${POCKETBASE_VERSION}`,
		built: 'base',
		target: cachedBinary,
		env: { GOTOOLCHAIN: GO_TOOLCHAIN },
		log
	});
}

/** Extracts one file from a zip archive held in memory. @param {Buffer} zip @param {string} name */
function unzipEntry(zip, name) {
	// Walk the central directory (found through the end-of-central-directory record).
	const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
	if (eocd < 0) throw new Error('not a zip archive');
	let offset = zip.readUInt32LE(eocd + 16);
	const count = zip.readUInt16LE(eocd + 10);
	for (let i = 0; i < count; i++) {
		const method = zip.readUInt16LE(offset + 10);
		const compressedSize = zip.readUInt32LE(offset + 20);
		const nameLength = zip.readUInt16LE(offset + 28);
		const extraLength = zip.readUInt16LE(offset + 30);
		const commentLength = zip.readUInt16LE(offset + 32);
		const localHeader = zip.readUInt32LE(offset + 42);
		const entryName = zip.toString('utf8', offset + 46, offset + 46 + nameLength);
		if (entryName === name) {
			const dataStart =
				localHeader + 30 + zip.readUInt16LE(localHeader + 26) + zip.readUInt16LE(localHeader + 28);
			const data = zip.subarray(dataStart, dataStart + compressedSize);
			return method === 0 ? data : inflateRawSync(data);
		}
		offset += 46 + nameLength + extraLength + commentLength;
	}
	throw new Error(`${name} is not in the archive`);
}

async function downloadRelease() {
	/** @type {Record<string, string>} */
	const releaseOs = { linux: 'linux', darwin: 'darwin', win32: 'windows' };
	/** @type {Record<string, string>} */
	const releaseCpu = { x64: 'amd64', arm64: 'arm64' };
	const os = releaseOs[platform()];
	const cpu = releaseCpu[arch()];
	if (!os || !cpu) return false;
	const base = `https://github.com/pocketbase/pocketbase/releases/download/v${POCKETBASE_VERSION}`;
	const zipName = `pocketbase_${POCKETBASE_VERSION}_${os}_${cpu}.zip`;
	log(`downloading ${zipName}...`);
	try {
		const [zipResponse, sumsResponse] = await Promise.all([
			fetch(`${base}/${zipName}`),
			fetch(`${base}/checksums.txt`)
		]);
		if (!zipResponse.ok || !sumsResponse.ok) throw new Error(`HTTP ${zipResponse.status}`);
		const zip = Buffer.from(await zipResponse.arrayBuffer());
		const expected = (await sumsResponse.text())
			.split('\n')
			.find((line) => line.trim().endsWith(zipName))
			?.split(/\s+/)[0];
		const actual = createHash('sha256').update(zip).digest('hex');
		if (!expected || expected !== actual) {
			throw new Error(`checksum mismatch for ${zipName} (expected ${expected}, got ${actual})`);
		}
		writeFileSync(cachedBinary, unzipEntry(zip, `pocketbase${exe}`));
		chmodSync(cachedBinary, 0o755);
		return true;
	} catch (error) {
		log(`download failed: ${error instanceof Error ? error.message : error}`);
		return false;
	}
}

/** @returns {Promise<number>} a port on 127.0.0.1 that nothing listens on (tests, bench) */
export function freePort() {
	return new Promise((resolvePort, reject) => {
		const server = createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolvePort(port));
		});
	});
}

/**
 * The origins PocketBase's CORS answers (`serve --origins`, which is "*" unless given): the app's
 * own origin, or those an operator lists in KRACHTKAART_ORIGINS (comma-separated, e.g. the
 * public https address behind a reverse proxy). The app itself calls its own origin and needs no
 * CORS; other sites' pages get no Access-Control-Allow-Origin and cannot read the API's answers.
 *
 * @example allowedOrigins('http://127.0.0.1:8090', '') // 'http://127.0.0.1:8090'
 * @example allowedOrigins('http://127.0.0.1:8090', 'https://kaart.example.nl/') // 'https://kaart.example.nl'
 * @param {string} appUrl where the app is served
 * @param {string | undefined} configured KRACHTKAART_ORIGINS
 * @returns {string}
 */
export function allowedOrigins(appUrl, configured) {
	const listed = (configured ?? '')
		.split(',')
		.map((origin) => origin.trim().replace(/\/+$/, ''))
		.filter(Boolean);
	for (const origin of listed) {
		if (!/^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/.test(origin)) {
			throw new Error(
				`KRACHTKAART_ORIGINS: "${origin}" is not an origin like https://kaart.example.nl ` +
					'(scheme, host and port only; no "*", path or query)'
			);
		}
	}
	return listed.length ? listed.join(',') : new URL(appUrl).origin;
}

/**
 * Waits until a spawned PocketBase answers /api/health; fails with the end of its log when it
 * exits or stays silent for 30 s. The bench's servers and the tests' share it.
 * @param {string} url
 * @param {import('node:child_process').ChildProcess} child
 * @param {() => string} output its log so far
 */
export async function waitForHealth(url, child, output) {
	const deadline = Date.now() + 30_000;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) {
			throw new Error(`PocketBase exited with ${child.exitCode}:\n${output()}`);
		}
		const healthy = await fetch(`${url}/api/health`).then(
			(r) => r.ok,
			() => false // not listening yet
		);
		if (healthy) return;
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error(`PocketBase did not answer at ${url}:\n${output()}`);
}

/**
 * `pocketbase serve` on a free port of 127.0.0.1 (for the bench scripts), once /api/health
 * answers (see waitForHealth), with CORS for its own origin (see allowedOrigins).
 * @param {string} bin
 * @param {string[]} args after `serve --http=…`
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {Promise<{ url: string, child: import('node:child_process').ChildProcess }>}
 */
export async function servePocketBase(bin, args, env = process.env) {
	const url = `http://127.0.0.1:${await freePort()}`;
	const origins = allowedOrigins(url, env.KRACHTKAART_ORIGINS);
	const child = spawn(bin, ['serve', `--http=${url.slice(7)}`, `--origins=${origins}`, ...args], {
		stdio: ['ignore', 'ignore', 'pipe'],
		env
	});
	let output = '';
	child.stderr?.on('data', (chunk) => (output = (output + chunk).slice(-5000)));
	try {
		await waitForHealth(url, child, () => output);
	} catch (error) {
		// A server that never answered would otherwise outlive the bench.
		child.kill('SIGKILL');
		throw error;
	}
	return { url, child };
}

/**
 * Stops a served PocketBase: SIGTERM, then SIGKILL after 5 s.
 * @param {import('node:child_process').ChildProcess | null} child
 */
export async function stopPocketBase(child) {
	// A killed process has no exit code, only its signal: it is gone as well.
	if (!child || child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise((r) => child.once('exit', r));
	child.kill('SIGTERM');
	await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
	if (child.exitCode === null) child.kill('SIGKILL');
}

/** @returns {Promise<string>} the path of a PocketBase binary at the pinned version */
export async function ensurePocketBase() {
	if (process.env.POCKETBASE_BIN) {
		const bin = resolve(process.env.POCKETBASE_BIN);
		if (!existsSync(bin)) throw new Error(`POCKETBASE_BIN points to ${bin}, which does not exist.`);
		const version = versionOf(bin);
		if (version !== POCKETBASE_VERSION) {
			log(
				`warning: ${bin} reports version ${version}, Krachtkaart is tested with ${POCKETBASE_VERSION}`
			);
		}
		return bin;
	}
	const installed = onPath('pocketbase');
	if (installed && versionOf(installed) === POCKETBASE_VERSION) return installed;
	if (existsSync(cachedBinary) && versionOf(cachedBinary) === POCKETBASE_VERSION)
		return cachedBinary;

	mkdirSync(cacheDir, { recursive: true });
	if (buildWithGo() || (await downloadRelease())) return cachedBinary;
	throw new Error(
		`PocketBase ${POCKETBASE_VERSION} is not available: install Go (1.21 or newer; it fetches ${GO_TOOLCHAIN}) so it can be built, ` +
			`or put pocketbase ${POCKETBASE_VERSION} on PATH or in POCKETBASE_BIN.`
	);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	try {
		const bin = await ensurePocketBase();
		console.log(bin);
		execFileSync(bin, ['--version'], { stdio: 'inherit' });
	} catch (error) {
		console.error(error instanceof Error ? error.message : error);
		process.exit(1);
	}
}
