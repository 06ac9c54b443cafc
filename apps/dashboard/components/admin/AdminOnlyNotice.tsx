/** What a signed-in reader who is not an admin sees on the admin pages; `task` names what the page is for. */
export function AdminOnlyNotice({ task = "Managing users" }: { task?: string }) {
  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>Admins only</h1>
          <p>{task} needs the Admin role.</p>
        </div>
      </header>
      <p className="notice notice-error">Your role does not allow this. Ask an administrator for access.</p>
    </div>
  );
}
