// Guards ResidentLinkState with links in memory: a link made is shown once and counts as active,
// revoking ends it, a refusal says whether it was forbidden, and one step runs at a time.
import { describe, expect, it } from 'vitest';
import type { ResidentLinkRecord } from './resident';
import type { ResidentLinksApi } from './resident.api';
import { ResidentLinkState } from './resident-link.svelte';

const FUTURE = '2999-01-01 00:00:00.000Z';

function fakeApi(refuse: number | null = null) {
	const links: ResidentLinkRecord[] = [];
	let creates = 0;
	const api: ResidentLinksApi = {
		async create(person) {
			if (refuse) throw { status: refuse, response: {} };
			creates += 1;
			for (const l of links) l.revokedAt ||= '2026-01-01 00:00:00.000Z';
			const id = `link${creates}`;
			links.push({
				id,
				person,
				expiresAt: FUTURE,
				revokedAt: '',
				createdBy: 'u1',
				lastUsedAt: '',
				uses: 0,
				created: `2026-01-0${creates} 00:00:00.000Z`
			});
			return { id, token: `t${creates}`, path: `/mijn/t${creates}`, expiresAt: FUTURE, revoked: 0 };
		},
		async revoke() {
			for (const l of links) l.revokedAt ||= '2026-01-01 00:00:00.000Z';
			return { revoked: 1 };
		},
		latest: async () => (links.length ? { ...links[links.length - 1] } : null)
	};
	return { api, creates: () => creates };
}

describe('ResidentLinkState', () => {
	it('makes a link, shows it once and revokes it', async () => {
		const link = new ResidentLinkState(fakeApi().api, 'p1');
		await link.refresh();
		expect(link.current).toBeNull();

		await link.create();
		expect(link.made?.path).toBe('/mijn/t1');
		expect(link.current).toBe('active');

		await link.revoke();
		expect(link.made).toBeNull();
		expect(link.revokedNow).toBe(true);
		expect(link.current).toBe('revoked');
	});

	it('says why a step was refused', async () => {
		const forbidden = new ResidentLinkState(fakeApi(403).api, 'p1');
		await forbidden.create();
		expect(forbidden.problem).toBe('forbidden');
		const failed = new ResidentLinkState(fakeApi(500).api, 'p1');
		await failed.create();
		expect(failed.problem).toBe('failed');
		expect(failed.busy).toBe(false);
	});

	it('runs one step at a time', async () => {
		const fake = fakeApi();
		const link = new ResidentLinkState(fake.api, 'p1');
		await Promise.all([link.create(), link.create()]);
		expect(fake.creates()).toBe(1);
	});
});
