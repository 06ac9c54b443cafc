import type { ApiProblem } from "../lib/api";

/** An API failure said plainly, in place of the content that could not be loaded. */
export function ApiProblemNotice({ problem }: { problem: ApiProblem }) {
  return (
    <div className="notice notice-error" role="alert">
      <strong>{problem.title}</strong>
      <p>{problem.detail}</p>
    </div>
  );
}
