/** What a signed-in reader who is not an admin sees at /admin. */
export function AdminOnlyNotice() {
  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>Admins only</h1>
          <p>Managing users needs the Admin role.</p>
        </div>
      </header>
      <p className="notice notice-error">Your role does not allow this. Ask an administrator for access.</p>
    </div>
  );
}
