"use server";

import { graphql } from "@engagement-tracker/schema";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { mutate } from "../lib/api";
import { formErrorsOf, safeReturnPath, textOf, type FormErrors } from "../lib/form-state";
import { SESSION_COOKIE } from "../lib/session-cookie";

const SignInMutation = graphql(`
  mutation DashboardSignIn($input: SignInInput!) {
    signIn(input: $input) {
      token
      expiresAt
      errors {
        ...UserErrorFields
      }
    }
  }
`);

const SignOutMutation = graphql(`
  mutation DashboardSignOut {
    signOut {
      errors {
        ...UserErrorFields
      }
    }
  }
`);

export interface SignInState extends FormErrors {
  email: string;
}

const SIGN_IN_FIELDS = new Set(["email", "password"]);
const signInInputOf = (fieldPath: string) => (SIGN_IN_FIELDS.has(fieldPath) ? fieldPath : null);

export async function signInAction(_previous: SignInState, formData: FormData): Promise<SignInState> {
  const email = textOf(formData, "email");
  const password = formData.get("password");
  const result = await mutate(SignInMutation, {
    input: { email, password: typeof password === "string" ? password : "" },
  });
  if (!result.ok) return { email, fieldErrors: {}, formErrors: [result.problem.detail] };
  const { token, expiresAt, errors } = result.data.signIn;
  if (errors.length || !token || !expiresAt) {
    return { email, ...formErrorsOf(errors, signInInputOf) };
  }
  (await cookies()).set(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "lax",
    secure: await isSecureContext(),
    path: "/",
    expires: new Date(expiresAt),
  });
  redirect(safeReturnPath(textOf(formData, "next")));
}

export async function signOutAction(): Promise<void> {
  // The session ends for the API too; the cookie goes whatever the API says (an expired
  // session makes `mutate` redirect to sign-in, which is where this leads anyway).
  try {
    await mutate(SignOutMutation, {});
  } finally {
    (await cookies()).delete(SESSION_COOKIE);
  }
  redirect("/sign-in");
}

/**
 * The session cookie is Secure when the reader came over HTTPS, which a TLS-terminating proxy
 * says in X-Forwarded-Proto (as for HSTS, see next.config.ts); `next start` itself serves plain
 * HTTP, over which a browser would not keep a Secure cookie. SESSION_COOKIE_SECURE=true or
 * false decides instead, for a proxy that does not send the header.
 */
async function isSecureContext(): Promise<boolean> {
  const setting = process.env.SESSION_COOKIE_SECURE;
  if (setting === "true" || setting === "false") return setting === "true";
  return (await headers()).get("x-forwarded-proto")?.split(",")[0]?.trim() === "https";
}
