// The words of a field's problem on her page (/mijn/<token>), in the UI's language.
import { m } from '$lib/paraglide/messages.js';
import { PROBLEM_KEYS, type FieldProblem } from './resident';

/** @example problemText('required') // m.resident_problem_required(); problemText(undefined) // undefined */
export function problemText(problem: FieldProblem | undefined): string | undefined {
	return problem ? m[PROBLEM_KEYS[problem]]() : undefined;
}
