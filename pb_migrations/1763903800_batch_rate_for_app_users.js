/// <reference path="../pb_data/types.d.ts" />
// Batches are the app's own now: a coordinator saves a round with its questions, and its walk
// lists, in one batch each (src/lib/rounds/rounds.api.ts), so that a refusal leaves nothing half
// written. The limit of 1763901600_security_hardening.js (20 batches in 10 s per address, when the
// app sent none) would refuse a team behind one office address, and did refuse the integration
// suite's parallel files. Signed in: 300 in 10 s per address, the rate of the other API
// requests of a signed-out client; signed out: 20 as before (a guest may batch nothing anyway:
// every create and update rule needs a user).

const SIGNED_IN = { label: '/api/batch', maxRequests: 300, duration: 10, audience: '@auth' };
const SIGNED_OUT = { label: '/api/batch', maxRequests: 20, duration: 10, audience: '@guest' };
const BEFORE = { label: '/api/batch', maxRequests: 20, duration: 10, audience: '' };

/** The rules as plain objects (the settings hold Go structs). */
const currentRules = (app) => JSON.parse(JSON.stringify(app.settings().rateLimits.rules || []));

function setBatchRules(app, batchRules) {
	const settings = app.settings();
	const rules = currentRules(app).filter((rule) => rule.label !== '/api/batch');
	// Before '/api/', which would otherwise match a batch first (PocketBase takes the most
	// specific label; kept in the same place as the rule it replaces all the same).
	const at = rules.findIndex((rule) => rule.label === '/api/');
	rules.splice(at < 0 ? rules.length : at, 0, ...batchRules);
	unmarshal({ rateLimits: { rules } }, settings);
	app.save(settings);
}

migrate(
	(app) => setBatchRules(app, [SIGNED_IN, SIGNED_OUT]),
	(app) => setBatchRules(app, [BEFORE])
);
