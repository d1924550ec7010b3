// A round form error code as the sentence she reads, in her language.
import { m } from '$lib/paraglide/messages.js';
import type { RoundError } from '$lib/rounds/rounds';

const ROUND_ERROR_TEXT: Record<RoundError, () => string> = {
	required: m.rounds_error_required,
	too_long: m.rounds_error_too_long,
	too_many: m.rounds_error_too_many,
	too_few: m.rounds_error_too_few,
	duplicate: m.rounds_error_duplicate,
	date_invalid: m.rounds_error_date_invalid,
	ends_before_start: m.rounds_error_ends_before_start,
	unknown_theme: m.rounds_error_unknown_theme,
	invalid: m.rounds_error_invalid,
	outside_areas: m.rounds_error_outside_areas
};

/** The sentence for a field's error, or undefined when it has none. */
export function roundErrorText(code: RoundError | undefined): string | undefined {
	return code ? ROUND_ERROR_TEXT[code]() : undefined;
}
