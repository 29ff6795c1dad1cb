import { useSession } from "./session.tsx";

/** The latest refusals, each with the API's extensions.code and message. */
export function ErrorList() {
  const { errors } = useSession();
  return (
    <div className="errors" data-testid="errors">
      <h3>Errors</h3>
      {errors.length === 0 && <div className="muted">none</div>}
      {errors.map((error) => (
        <div key={error.id} className="error" data-testid="error" data-code={error.code}>
          <span className="muted">{error.at}</span> <code>{error.code}</code> {error.message}
        </div>
      ))}
    </div>
  );
}
