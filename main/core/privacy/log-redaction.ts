import { defaultRedactor, setLogRedactor } from '../log';
import { redactForLog } from './boundaries';

/**
 * Plugs the detector into the logger (main/core/log), which runs it over every string field of
 * every log line. Returns a function that restores the log module's default redactor.
 */
export function installLogRedaction(): () => void {
  setLogRedactor(redactForLog);
  return () => setLogRedactor(defaultRedactor);
}
