/// <reference path="../pb_data/types.d.ts" />
// A link may only be made between two assets of the user's own areas: otherwise a worker could
// point at (and learn the id of) an asset she cannot see. Once made, its ends stay fixed for
// non-admins, so an update cannot re-point it outside her areas either (delete and create anew).
const inMyAreas = (end) =>
	`(@request.auth.areas.id ?= ${end}.area || @request.auth.areas.id ?= ${end}.area.parent || @request.auth.areas.id ?= ${end}.area.parent.parent)`;
const fieldWorkers = '(@request.auth.role = "coordinator" || @request.auth.role = "worker")';

migrate(
	(app) => {
		const links = app.findCollectionByNameOrId('links');
		links.createRule = `@request.auth.role = "admin" || (${fieldWorkers} && ${inMyAreas('from')} && ${inMyAreas('to')})`;
		links.updateRule = `@request.auth.role = "admin" || (${fieldWorkers} && ${inMyAreas('from')} && @request.body.from:changed = false && @request.body.to:changed = false)`;
		app.save(links);
	},
	(app) => {
		const links = app.findCollectionByNameOrId('links');
		links.createRule = `@request.auth.role = "admin" || (${fieldWorkers} && ${inMyAreas('from')})`;
		links.updateRule = `@request.auth.role = "admin" || (${fieldWorkers} && ${inMyAreas('from')})`;
		app.save(links);
	}
);
