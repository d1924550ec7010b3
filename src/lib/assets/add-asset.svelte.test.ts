// Guards adding an asset: a place outside her buurten is refused and keeps her placing, one inside
// opens the form in that buurt, and saving creates the asset there (from the form's draft) and ends
// the flow; a failed save keeps the form.
import { describe, expect, it } from 'vitest';
import type { AreaRecord, AssetRecord } from '$lib/pocketbase/types';
import { areaAt } from '$lib/areas/areas';
import type { NewAsset } from './assets';
import { newDraft } from './asset-form';
import { AddAssetState } from './add-asset.svelte';

const buurt: AreaRecord = {
	id: 'b1',
	code: 'BU1',
	name: 'Buurt 1',
	level: 'buurt',
	parent: 'w1',
	geometry: {
		type: 'Polygon',
		coordinates: [
			[
				[5.0, 52.0],
				[5.01, 52.0],
				[5.01, 52.01],
				[5.0, 52.01],
				[5.0, 52.0]
			]
		]
	}
};

function setup(fail = false) {
	const created: NewAsset[] = [];
	const adding = new AddAssetState({
		buurtAt: (location) => areaAt(location, [buurt]),
		create: async (asset) => {
			if (fail) throw new Error('refused');
			created.push(asset);
			return { id: 'new1', ...asset } as unknown as AssetRecord;
		}
	});
	return { adding, created };
}

describe('AddAssetState', () => {
	it('refuses a place outside her buurten and keeps her placing', () => {
		const { adding } = setup();
		adding.start();
		expect(adding.placeAt({ lon: 6, lat: 52.005 })).toBe(false);
		expect(adding.step).toBe('placing');
		expect(adding.refused).toBe(true);
	});

	it('opens the form in the buurt of the place, and saves the asset there', async () => {
		const { adding, created } = setup();
		adding.start();
		expect(adding.placeAt({ lon: 5.005, lat: 52.005 })).toBe(true);
		expect(adding.step).toBe('form');
		expect(adding.refused).toBe(false);
		expect(adding.place?.area.id).toBe('b1');
		const draft = { ...newDraft('key_figure'), title: 'Fatima' };
		const record = await adding.save(draft);
		expect(record?.id).toBe('new1');
		expect(created).toHaveLength(1);
		expect(created[0]).toMatchObject({
			title: 'Fatima',
			kind: 'key_figure',
			area: 'b1',
			location: { lon: 5.005, lat: 52.005 }
		});
		expect(adding.step).toBeNull();
		expect(adding.place).toBeNull();
	});

	it('keeps the form when saving fails, and starts over clean', async () => {
		const { adding } = setup(true);
		adding.start();
		adding.placeAt({ lon: 5.005, lat: 52.005 });
		await expect(adding.save(newDraft('initiative'))).rejects.toThrow('refused');
		expect(adding.step).toBe('form');
		adding.start();
		expect(adding.place).toBeNull();
		expect(adding.step).toBe('placing');
	});
});
