// pdfjs-dist, loaded on first use with the built-ins it replaces put back. Its legacy build (the one that
// runs on Node 20) brings core-js polyfills that overwrite JSON.stringify, JSON.parse and
// Array.prototype.push with JavaScript versions for features Node 20 lacks (JSON.rawJSON) or bugs it does
// not have; once loaded they slowed every request of the server by about 5 %, whether or not it ever read
// a PDF. pdfjs needs none of those replacements, only the polyfills that add what is missing (Promise
// .withResolvers, Set methods, Uint8Array base64 and the like), which stay.

type Pdfjs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

let loading: Promise<Pdfjs> | null = null;

/** The built-ins the polyfills replace rather than add, as they are before pdfjs loads. */
function natives(): () => void {
  const { stringify, parse } = JSON;
  const push = Array.prototype.push;
  const functionText = Function.prototype.toString;
  return () => {
    JSON.stringify = stringify;
    JSON.parse = parse;
    // As the built-ins are defined: writable, configurable, not enumerable.
    const method = { writable: true, configurable: true, enumerable: false };
    Object.defineProperty(Array.prototype, 'push', { ...method, value: push });
    Object.defineProperty(Function.prototype, 'toString', { ...method, value: functionText });
  };
}

export function loadPdfjs(): Promise<Pdfjs> {
  if (loading === null) {
    const restore = natives();
    // The worker module too, now: pdfjs would import it at the first document (bringing the polyfills
    // back); loaded here it sets globalThis.pdfjsWorker, which pdfjs then uses in this thread.
    loading = import('pdfjs-dist/legacy/build/pdf.worker.mjs')
      .then(() => import('pdfjs-dist/legacy/build/pdf.mjs'))
      .finally(restore);
  }
  return loading;
}
