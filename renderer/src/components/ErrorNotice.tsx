import type { ApiError } from '../../../shared/errors';

const HINTS: Partial<Record<ApiError['code'], string>> = {
  UNAUTHORIZED: 'Sign in again, or open the address printed by `confidant web` if the desk was restarted.',
  UNAVAILABLE: 'The Confidant core is not reachable or this feature is not available yet.',
  KEY_ERROR: 'The store could not be unlocked.',
};

export function ErrorNotice({ error }: { error: ApiError }) {
  return (
    <div className="notice notice-error" role="alert" data-testid="error">
      <strong>{error.code}</strong> {error.message}
      {HINTS[error.code] ? <p>{HINTS[error.code]}</p> : null}
    </div>
  );
}
