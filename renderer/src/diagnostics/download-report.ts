// Offers the exported diagnostics report as a file: a Blob URL on an `<a download>`, clicked once, then
// revoked. Nothing is written anywhere else; the browser's download handling saves it.

/** Saves `json` as `fileName` through the browser's download. */
export function downloadReport(fileName: string, json: string, doc: Document = document): void {
  const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
  const link = doc.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.hidden = true;
  link.dataset.testid = 'report-link';
  doc.body.append(link);
  link.click();
  // Revoke after the browser took the URL; the click starts the download synchronously.
  setTimeout(() => {
    link.remove();
    URL.revokeObjectURL(url);
  }, 10_000);
}
