import { graphql, type Role, type UserTable_UserFragment } from "@engagement-tracker/schema";
import { USER_ROLE_LABELS } from "../../lib/labels";
import { getFormatter } from "../../lib/reader";
import tableStyles from "../engagements/EngagementTable.module.css";
import { UserActions } from "./UserActions";
import { ScrollTable } from "../ScrollTable";

export const UserTableFragment = graphql(`
  fragment UserTable_user on User {
    id
    name
    email
    role
    disabledAt
  }
`);

/** Admins see every user's email and role (see `withAccount`). */
type Account = UserTable_UserFragment & { email: string; role: Role };

/** `viewerId`: the signed-in admin, whose own row offers no role change or Disable. */
export async function UserTable({ users, viewerId }: { users: readonly Account[]; viewerId: string }) {
  const formatter = await getFormatter();
  return (
    <ScrollTable columns={["Name", "Email", "Role", "Status", "Change"]}>
      {users.map((user) => (
        <tr key={user.id}>
          <td className={tableStyles.titleCell}>
            <strong>{user.name}</strong>
          </td>
          <td data-label="Email">{user.email}</td>
          <td data-label="Role">{USER_ROLE_LABELS[user.role]}</td>
          <td data-label="Status">
            {user.disabledAt ? (
              <>
                Disabled <span className={tableStyles.sub}>since {formatter.instant(user.disabledAt)}</span>
              </>
            ) : (
              "Active"
            )}
          </td>
          <td data-label="Change">
            <UserActions
              id={user.id}
              name={user.name}
              role={user.role}
              disabled={user.disabledAt !== null}
              self={user.id === viewerId}
            />
          </td>
        </tr>
      ))}
    </ScrollTable>
  );
}
