// Part of `npm run bench`: doorstep conversations saved by 50 workers at once (docs/product.md: under
// 100 ms p95), each as the outbox sends it: one create with a phone-made id. Two loads: paced
// (each worker saves about once a second, a busy street-walking day at its worst) and a burst
// (every worker saves again the moment the last save returned: the server's ceiling). A third are talks
// whose gifts grow capacity assets on the map and a fifth carry a follow-up, so the figures
// include the server's growth transaction (pb_hooks/conversations.pb.js). Plain Node ESM.
/** @typedef {import('pocketbase').default} PocketBase */

const PASSWORD = 'bench-team-pass-1';
const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A PocketBase-shaped id, as the phone makes it (src/lib/sync/outbox.ts). @param {() => number} next */
function recordId(next) {
	let id = '';
	for (let i = 0; i < 15; i++) id += ID_ALPHABET[Math.floor(next() * 36)];
	return id;
}

/**
 * @param {{ url: string, su: PocketBase, areaId: string, doors: { area: string, location: { lon: number, lat: number } }[],
 *   workers: number, perWorker: number, pauseMs: number, random: () => number, createInBatches: Function }} options
 *   `pauseMs`: each worker waits a random 0–2× this long before each save (0: a burst)
 * @returns {Promise<{ all: number[], growing: number[], wallMs: number }>}
 */
export async function measureConversationSaves(options) {
	const { su, areaId, doors, workers, perWorker, pauseMs, random, createInBatches } = options;
	const addresses = doors.map((door, i) => ({
		id: recordId(random),
		street: `Benchstraat ${Math.floor(i / 20)}`,
		number: String((i % 20) + 1),
		location: door.location,
		area: door.area
	}));
	await createInBatches(su, 'addresses', addresses, 50);

	const clients = await Promise.all(
		Array.from({ length: workers }, async (_, w) => {
			const email = `worker-${w}-${recordId(random)}@bench.example.org`;
			const user = await su.collection('users').create({
				email,
				password: PASSWORD,
				passwordConfirm: PASSWORD,
				name: `Bench Buurtwerker ${w + 1}`,
				role: 'worker',
				areas: [areaId]
			});
			// A session from the superuser: 50 sign-ins at once from one IP would trip the rate
			// limiter's 40 a minute (pb_migrations/1763901600_security_hardening.js).
			const pb = await su.collection('users').impersonate(user.id, 0);
			pb.autoCancellation(false);
			return { pb, id: user.id };
		})
	);

	/** @type {number[]} */
	const all = [];
	/** @type {number[]} */
	const growing = [];
	let n = 0;
	const started = performance.now();
	await Promise.all(
		clients.map(async ({ pb, id }) => {
			for (let i = 0; i < perWorker; i++) {
				const address = addresses[n++ % addresses.length];
				const kind = n % 3 === 0 ? 'gift' : n % 5 === 0 ? 'followUp' : 'not_home';
				const body = {
					id: recordId(random),
					area: address.area,
					address: address.id,
					worker: id,
					heldAt: new Date().toISOString(),
					outcome: kind === 'not_home' ? 'not_home' : 'talked',
					location: address.location,
					locationSource: 'address',
					...(kind === 'gift'
						? {
								themes: ['taal'],
								consent: ['anonymous'],
								gifts: [{ kind: 'hands', tag: 'Fietsen repareren' }]
							}
						: {}),
					...(kind === 'followUp' ? { followUp: { what: 'Terugbellen' } } : {})
				};
				if (pauseMs > 0) await new Promise((r) => setTimeout(r, random() * 2 * pauseMs));
				const t = performance.now();
				await pb.collection('conversations').create(body, { requestKey: null, fields: 'id' });
				const ms = performance.now() - t;
				all.push(ms);
				if (kind === 'gift') growing.push(ms);
			}
		})
	);
	const wallMs = performance.now() - started;
	return { all, growing, wallMs };
}
