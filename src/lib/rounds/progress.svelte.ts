// One round's progress as runes state, for its coordinator: the round's conversations loaded
// through an injected API (progress.api.ts; tests give a server in memory), its figures per round,
// list and worker (`roundProgress`), the tally of its extra questions, the data-quality checks with
// the door, moment and worker of each, and the export of its answers as CSV.
import { apiErrorKind, type ApiErrorKind } from '$lib/pocketbase/errors';
import {
	answerTally,
	conversationsOfRound,
	roundProgress,
	type QuestionTally,
	type RoundProgress
} from './progress';
import type { ProgressApi, ProgressConversation } from './progress.api';
import { roundAnswersCsv, roundExportFileName, type RoundExportOptions } from './round-export';
import type { RoundWithParts } from './rounds.api';

export type ProgressStatus = 'idle' | 'loading' | 'ready' | 'error';

/** A file the page offers as a download. */
export interface ExportFile {
	name: string;
	text: string;
}

export class ProgressState {
	/** The round shown, as the rounds' state has it (with its questions and lists). */
	round = $state.raw<RoundWithParts | null>(null);
	/** The conversations that may be the round's (the API's pick; `progress` picks its own). */
	conversations = $state.raw<ProgressConversation[]>([]);
	status = $state<ProgressStatus>('idle');
	/** Why the last load failed; null when it did not. */
	error = $state<ApiErrorKind | null>(null);

	/** The round's figures, per list and per worker, and its signals; null before a load. */
	readonly progress: RoundProgress | null = $derived(
		this.round ? roundProgress(this.round, this.round.lists, this.conversations) : null
	);

	/** The round's own conversations: in its period, on its lists or at its doors. */
	readonly ofRound: ProgressConversation[] = $derived(
		this.round ? conversationsOfRound(this.round, this.round.lists, this.conversations) : []
	);

	/**
	 * Per extra question, how its answers came out. Every count is shown (a minimum group of 1):
	 * the coordinator may read each answer anyway; viewers get the min-5 tally from the server.
	 */
	readonly tally: QuestionTally[] = $derived(
		this.round ? answerTally(this.round.questions, this.ofRound, 1) : []
	);

	/** One of the loaded conversations (a check's door, moment and worker). */
	conversation(id: string): ProgressConversation | undefined {
		return this.conversations.find((c) => c.id === id);
	}

	/**
	 * Worker id ▸ name: hers where the users' rules let her read it, else "Medewerker n" (by
	 * `unnamed`), numbered in the order of the figures (by id, never by how they did).
	 */
	workerNames(unnamed: (n: number) => string): Record<string, string> {
		const names: Record<string, string> = {};
		for (const c of this.conversations) if (c.workerName) names[c.worker] = c.workerName;
		let n = 0;
		for (const { worker } of this.progress?.workers ?? []) names[worker] ??= unnamed(++n);
		return names;
	}

	#api: ProgressApi;
	#now: () => Date;
	#loads = 0;

	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a clock: each call a new moment, never state
	constructor(api: ProgressApi, now: () => Date = () => new Date()) {
		this.#api = api;
		this.#now = now;
	}

	/** Loads a round's conversations; a later load wins over an earlier one still under way. */
	async load(round: RoundWithParts): Promise<void> {
		const load = ++this.#loads;
		if (this.round?.id !== round.id) this.conversations = [];
		this.round = round;
		this.status = 'loading';
		this.error = null;
		try {
			const conversations = await this.#api.roundConversations(round);
			if (load !== this.#loads) return;
			this.conversations = conversations;
			this.status = 'ready';
		} catch (error) {
			if (load !== this.#loads) return;
			this.status = 'error';
			this.error = apiErrorKind(error);
		}
	}

	/** The round's answers as a CSV file (one row per conversation); null before a load. */
	exportFile(options: RoundExportOptions = {}): ExportFile | null {
		if (!this.round || this.status !== 'ready') return null;
		return {
			name: roundExportFileName(this.round.name, this.#now()),
			text: roundAnswersCsv(this.round, this.round.questions, this.conversations, options)
		};
	}
}
