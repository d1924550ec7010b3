/// <reference path="../pb_data/types.d.ts" />
// The first release kept a talk's follow-up only on the talk (`conversations.followUp`, JSON);
// since 1763901400 every follow-up is a task of its own (`follow_ups`), and the app shows only
// those. This turns the follow-ups of the talks logged before 1763901400 was applied into tasks,
// for the talk's worker, so a team that upgrades loses none. Talks logged after it got their task
// when they were saved; one missing now was deleted on purpose, and stays deleted.
const GREW_TASKS = '1763901400_conversations_grow_the_map.js';

migrate(
	(app) => {
		const applied = new DynamicModel({ applied: 0 });
		try {
			app
				.db()
				.newQuery('SELECT applied FROM _migrations WHERE file = {:file}')
				.bind({ file: GREW_TASKS })
				.one(applied);
		} catch {
			return;
		}
		// PocketBase records the moment in microseconds.
		const cutoff = new Date(Math.floor(applied.applied / 1000)).toISOString().replace('T', ' ');
		const talks = app.findRecordsByFilter('conversations', 'created < {:cutoff}', 'created', 0, 0, {
			cutoff
		});
		const tasks = app.findCollectionByNameOrId('follow_ups');
		for (const talk of talks) {
			let followUp;
			try {
				followUp = JSON.parse(talk.getString('followUp') || 'null');
			} catch {
				continue;
			}
			const what = followUp && typeof followUp.what === 'string' ? followUp.what.trim() : '';
			if (!what) continue;
			const made = app.findRecordsByFilter('follow_ups', 'conversation = {:talk}', '', 1, 0, {
				talk: talk.id
			});
			if (made.length > 0) continue;
			const due = /^\d{4}-\d{2}-\d{2}/.test(String(followUp.due ?? ''))
				? `${String(followUp.due).slice(0, 10)} 12:00:00.000Z`
				: '';
			const task = new Record(tasks);
			task.load({
				conversation: talk.id,
				area: talk.getString('area'),
				what: what.slice(0, 500),
				assignee: talk.getString('worker'),
				due,
				done: followUp.done === true,
				createdBy: talk.getString('worker'),
				isDemo: talk.getBool('isDemo')
			});
			app.save(task);
		}
	},
	() => {
		// The tasks stay: they may have been worked on since.
	}
);
