// A module of pb_hooks/lib, loaded in Node for the unit tests that hold the app's logic against
// the server's. The hook modules are CommonJS for PocketBase's runtime (the package is ESM, so
// they are evaluated as CommonJS here) and some require the vocabulary by `${__hooks}`, so both
// are given. PocketBase's globals are used only when a function is called.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const HOOKS = join(import.meta.dirname, '..', '..', 'pb_hooks');

/** @example hookModule('lib/round-summary.js') */
export function hookModule(path: string): unknown {
	const file = join(HOOKS, path);
	const module = { exports: {} };
	new Function('module', 'exports', 'require', '__hooks', readFileSync(file, 'utf8'))(
		module,
		module.exports,
		createRequire(file),
		HOOKS
	);
	return module.exports;
}
