// A record hook's save together with what must change with it, in one transaction: the handlers
// after the hook and the save itself run in it (through e.app), so a failure anywhere undoes all.

/**
 * Runs `work` in a transaction with `e.app` set to it; `work` calls `e.next()` where the save
 * belongs.
 * @param {{ app: core.App }} e the record event
 * @param {(txApp: core.App) => void} work
 */
function inSaveTransaction(e, work) {
	const app = e.app;
	try {
		app.runInTransaction((txApp) => {
			e.app = txApp;
			work(txApp);
		});
	} finally {
		e.app = app;
	}
}

module.exports = { inSaveTransaction };
