// A follow-up record for the tests of this folder: hers ('me'), open, without a due day, unless
// `fields` say otherwise.
import type { FollowUp } from './followups';

export function followUp(id: string, fields: Partial<FollowUp> = {}): FollowUp {
	return {
		id,
		conversation: 'c1',
		area: 'b1',
		what: `Taak ${id}`,
		assignee: 'me',
		due: '',
		done: false,
		doneAt: '',
		doneBy: '',
		createdBy: 'me',
		created: '2026-11-01 09:00:00.000Z',
		updated: '2026-11-01 09:00:00.000Z',
		...fields
	};
}
