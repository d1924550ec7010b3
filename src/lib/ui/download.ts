// Files the app makes in the browser (CSV, PNG, a resident's export) offered as downloads.

/** Offers a blob as a download under this name. */
export function downloadBlob(blob: Blob, fileName: string): void {
	const url = URL.createObjectURL(blob);
	const link = document.createElement('a');
	link.href = url;
	link.download = fileName;
	document.body.append(link);
	link.click();
	link.remove();
	// Late enough for the download to have started.
	setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
