import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "../../components/SignInForm";
import { safeReturnPath } from "../../lib/form-state";
import { getViewer } from "../../lib/viewer";
import styles from "./sign-in.module.css";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const returnTo = safeReturnPath((await searchParams).next);
  if (await getViewer()) redirect(returnTo);
  return (
    <div className={styles.wrapper}>
      <section className={`card ${styles.card}`} aria-labelledby="sign-in-heading">
        <h1 id="sign-in-heading">Sign in</h1>
        <p className="muted">Use the account your administrator gave you.</p>
        <SignInForm returnTo={returnTo} />
      </section>
    </div>
  );
}
