import { useSession } from "./session.tsx";

/**
 * The latest refusals, each with the API's extensions.code and message. A panel's errors go when
 * its next action succeeds; any can be dismissed by hand.
 */
export function ErrorList() {
  const { errors, dismissError } = useSession();
  return (
    <div className="errors" data-testid="errors">
      <h3>Errors</h3>
      {errors.length === 0 && <div className="muted">none</div>}
      {errors.map((error) => (
        <div key={error.id} className="error" data-testid="error" data-code={error.code}>
          <span className="error-text">
            <span className="muted">{error.at}</span> <code>{error.code}</code> {error.message}
          </span>
          <button
            type="button"
            className="dismiss"
            data-testid="dismiss-error"
            aria-label="Dismiss"
            title="Dismiss"
            onClick={() => dismissError(error.id)}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
