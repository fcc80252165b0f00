export { anySignal, onAbort } from '../../core/abort.ts';
