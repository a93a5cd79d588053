// pdfjs-dist ships no types for its worker module; src/read/pdf/pdfjs.ts only loads it for its effect
// (it sets globalThis.pdfjsWorker).
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs' {
  export const WorkerMessageHandler: unknown;
}
