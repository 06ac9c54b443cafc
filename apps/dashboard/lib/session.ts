import { cookies } from "next/headers";
import { SESSION_COOKIE } from "./session-cookie";

export async function sessionToken(): Promise<string | undefined> {
  return (await cookies()).get(SESSION_COOKIE)?.value;
}
