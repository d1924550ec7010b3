// The import page's state (/beheer/import): a file read and checked (in a worker), its columns
// mapped to fields (guessed, changeable), the bad rows, then a dry run or the import itself with
// its progress and result. The page makes its own with importApi(pb); tests inject a fake.
import type { RowError } from './addresses.js';
import type { Checked, ImportKind } from './check.js';
import type { Mapping } from './fields.js';
import type { ImportApi } from './import.api';
import { MAX_BYTES } from './table.js';
import type { ImportResult } from './send.js';

export type ImportStep = 'idle' | 'reading' | 'checked' | 'sending' | 'saving' | 'done';

export class ImportState {
	step = $state<ImportStep>('idle');
	kind = $state<ImportKind>('addresses');
	fileName = $state('');
	/** What was read: columns, first rows, mapping, rows and bad rows. */
	checked = $state.raw<Checked | null>(null);
	/** Rows sent so far, of all. */
	progress = $state({ done: 0, total: 0 });
	result = $state.raw<ImportResult | null>(null);
	/** A file too large, unreadable, or a failed request: what and where. */
	error = $state<string | null>(null);
	skipOutside = $state(false);

	#api: ImportApi;

	constructor(api: ImportApi) {
		this.#api = api;
	}

	get rows(): Checked['rows'] {
		return this.checked?.rows ?? [];
	}

	get rowErrors(): RowError[] {
		return this.checked?.errors ?? [];
	}

	/** Reading, sending or saving: the form waits. */
	get busy(): boolean {
		return this.step === 'reading' || this.step === 'sending' || this.step === 'saving';
	}

	/** Ready to send: a file read, nothing wrong with it or its rows. */
	get ready(): boolean {
		const c = this.checked;
		return !!c && !c.fileError && c.errors.length === 0 && c.rows.length > 0;
	}

	async choose(file: File): Promise<void> {
		this.reset();
		this.fileName = file.name;
		if (file.size > MAX_BYTES) {
			this.error = `${file.name}: ${Math.round(file.size / 1048576)} MB > ${MAX_BYTES / 1048576} MB`;
			return;
		}
		this.step = 'reading';
		try {
			this.checked = await this.#api.read(this.kind, file);
			this.step = 'checked';
		} catch (error) {
			this.fail(error);
		}
	}

	async map(field: string, column: number): Promise<void> {
		if (!this.checked) return;
		const mapping: Mapping = { ...this.checked.mapping, [field]: column };
		this.step = 'reading';
		this.result = null;
		try {
			this.checked = await this.#api.remap(mapping);
			this.step = 'checked';
		} catch (error) {
			this.fail(error);
		}
	}

	async run(dryRun: boolean): Promise<void> {
		if (!this.ready) return;
		this.step = 'sending';
		this.result = null;
		this.error = null;
		this.progress = { done: 0, total: this.rows.length };
		try {
			this.result = await this.#api.send(this.kind, this.rows, {
				dryRun,
				skipOutside: this.kind === 'addresses' && this.skipOutside,
				onProgress: (done, total) => {
					this.progress = { done, total };
					if (done === total) this.step = 'saving';
				}
			});
			this.step = dryRun || !this.result.ok ? 'checked' : 'done';
		} catch (error) {
			this.fail(error);
		}
	}

	reset(): void {
		this.step = 'idle';
		this.checked = null;
		this.result = null;
		this.error = null;
		this.progress = { done: 0, total: 0 };
	}

	private fail(error: unknown): void {
		const e = error as { message?: string; response?: { message?: string } };
		this.error = e?.response?.message || e?.message || String(error);
		this.step = this.checked ? 'checked' : 'idle';
	}
}
