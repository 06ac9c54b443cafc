import { graphql } from "@engagement-tracker/schema";
import type { Metadata } from "next";
import Link from "next/link";
import { AdminOnlyNotice } from "../../components/admin/AdminOnlyNotice";
import { CreateUserForm } from "../../components/admin/CreateUserForm";
import { UserTable } from "../../components/admin/UserTable";
import { ApiProblemNotice } from "../../components/ApiProblemNotice";
import { query } from "../../lib/api";
import { isAdmin, getViewer, withAccount } from "../../lib/viewer";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Users" };

const UsersQuery = graphql(`
  query AdminUsers {
    users {
      ...UserTable_user
    }
  }
`);

export default async function AdminPage() {
  // Refused here before asking the API, which refuses non-admins anyway.
  const viewer = await getViewer();
  if (!viewer || !isAdmin(viewer)) return <AdminOnlyNotice />;
  const result = await query(UsersQuery);
  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>Users</h1>
          <p>
            Who may sign in and what each may do. Disabling an account ends its sessions and stops its tokens. Other
            systems are told of changes through <Link href="/admin/webhooks">webhooks</Link>.
          </p>
        </div>
      </header>
      <section className="card" aria-labelledby="users-heading">
        <h2 id="users-heading">Accounts</h2>
        {result.ok ? (
          <UserTable users={result.data.users.flatMap((user) => withAccount(user) ?? [])} viewerId={viewer.id} />
        ) : (
          <ApiProblemNotice problem={result.problem} />
        )}
      </section>
      <section className="card" aria-labelledby="new-user-heading">
        <h2 id="new-user-heading">Add a user</h2>
        <CreateUserForm />
      </section>
    </div>
  );
}
