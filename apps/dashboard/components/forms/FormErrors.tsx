/** Errors of a whole form (not of one field), announced when they appear. */
export function FormErrors({ messages }: { messages: string[] }) {
  return messages.length ? (
    <div role="alert" className="notice notice-error">
      {messages.map((message) => (
        <p key={message}>{message}</p>
      ))}
    </div>
  ) : null;
}
