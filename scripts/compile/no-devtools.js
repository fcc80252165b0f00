// Stands in for `react-devtools-core` in the single-file executable: Ink imports it only when
// DEV=true (ink/build/reconciler.js), and reports a missing module with a warning, not a crash.
const error = new Error('react-devtools-core is not part of the meshscope executable');
error.code = 'ERR_MODULE_NOT_FOUND';
throw error;

// Never reached; names the export Ink imports so the bundler can link it.
export default {};
