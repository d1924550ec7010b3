#!/usr/bin/env node
// Finds or builds the pinned Litestream (replication of data.db: docs/operations.md,
// "Replication"; its config: docs/litestream.yml), in this order:
//   1. the binary named by LITESTREAM_BIN;
//   2. `litestream` on PATH, when it reports the pinned version;
//   3. an earlier build in .pocketbase/ (beside PocketBase's binary);
//   4. a build of the pinned Go module (cmd/litestream), pure Go (CGO_ENABLED=0, as Litestream's
//      own releases are built: its SQLite is modernc.org/sqlite). The module asks for Go 1.26; an
//      older `go` (1.21 or newer) fetches that toolchain from the module proxy itself.
// Run directly (`npm run db:replica-setup`) it prints the path of the binary.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { platform } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { goInstall, onPath } from './pocketbase.mjs';

export const LITESTREAM_VERSION = '0.5.18';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cacheDir = join(root, '.pocketbase');
const exe = platform() === 'win32' ? '.exe' : '';
const cachedBinary = join(cacheDir, `litestream-${LITESTREAM_VERSION}${exe}`);

/** @param {string} message */
const log = (message) => process.stderr.write(`[litestream] ${message}\n`);

/**
 * The version a binary reports: "v0.5.18" from `go install`, "0.5.18" from a release.
 * @param {string} bin @returns {string | null}
 */
function versionOf(bin) {
	const result = spawnSync(bin, ['version'], { encoding: 'utf8' });
	if (result.status !== 0) return null;
	return result.stdout.trim().replace(/^v/, '') || null;
}

function buildWithGo() {
	if (!onPath('go')) return false;
	log(`building Litestream v${LITESTREAM_VERSION} from its Go module (takes a minute or two)...`);
	return goInstall({
		module: `github.com/benbjohnson/litestream/cmd/litestream@v${LITESTREAM_VERSION}`,
		ldflags: `-X main.Version=v${LITESTREAM_VERSION}`,
		built: 'litestream',
		target: cachedBinary,
		log
	});
}

/** @returns {Promise<string>} the path of a Litestream binary at the pinned version */
export async function ensureLitestream() {
	if (process.env.LITESTREAM_BIN) {
		const bin = resolve(process.env.LITESTREAM_BIN);
		if (!existsSync(bin)) throw new Error(`LITESTREAM_BIN points to ${bin}, which does not exist.`);
		const version = versionOf(bin);
		if (version !== LITESTREAM_VERSION) {
			log(
				`warning: ${bin} reports version ${version}, Krachtkaart is tested with ${LITESTREAM_VERSION}`
			);
		}
		return bin;
	}
	const installed = onPath('litestream');
	if (installed && versionOf(installed) === LITESTREAM_VERSION) return installed;
	if (existsSync(cachedBinary) && versionOf(cachedBinary) === LITESTREAM_VERSION)
		return cachedBinary;

	mkdirSync(cacheDir, { recursive: true });
	if (buildWithGo()) return cachedBinary;
	throw new Error(
		`Litestream ${LITESTREAM_VERSION} is not available: install Go (1.21 or newer; it fetches the ` +
			'toolchain the module asks for) so it can be built, or download the release for your ' +
			`machine from https://github.com/benbjohnson/litestream/releases/tag/v${LITESTREAM_VERSION} ` +
			'(e.g. litestream-' +
			`${LITESTREAM_VERSION}-linux-x86_64.tar.gz), unpack it and set LITESTREAM_BIN to the binary ` +
			'(or put it on PATH).'
	);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	try {
		const bin = await ensureLitestream();
		console.log(bin);
		execFileSync(bin, ['version'], { stdio: 'inherit' });
	} catch (error) {
		console.error(error instanceof Error ? error.message : error);
		process.exit(1);
	}
}
