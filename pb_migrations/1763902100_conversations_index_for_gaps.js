/// <reference path="../pb_data/types.d.ts" />
// The gap input (pb_hooks/lib/gap-input.js) reads every door's last visit, and whether it was
// visited or talked to in two periods, under the conversations' area rule. With the area and
// outcome in the index too, SQLite answers that from one scan of the index, without reading a
// conversation row (`npm run bench`: gaps.server_city_*).
migrate(
	(app) => {
		const conversations = app.findCollectionByNameOrId('conversations');
		conversations.addIndex('idx_conversations_visits', false, 'address, heldAt, area, outcome', '');
		app.save(conversations);
	},
	(app) => {
		const conversations = app.findCollectionByNameOrId('conversations');
		conversations.removeIndex('idx_conversations_visits');
		app.save(conversations);
	}
);
