/// <reference path="../pb_data/types.d.ts" />
// idx_conversations_visits (address, heldAt, area, outcome) begins with the columns of
// idx_conversations_address (address, heldAt) and answers every lookup it did, so the narrow one
// only made each conversation's save update one index more.
migrate(
	(app) => {
		const conversations = app.findCollectionByNameOrId('conversations');
		conversations.removeIndex('idx_conversations_address');
		app.save(conversations);
	},
	(app) => {
		const conversations = app.findCollectionByNameOrId('conversations');
		conversations.addIndex('idx_conversations_address', false, 'address, heldAt', '');
		app.save(conversations);
	}
);
