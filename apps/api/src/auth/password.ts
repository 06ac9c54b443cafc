import { hash, verify } from "@node-rs/argon2";

// argon2id with the library's defaults (19 MiB, 2 passes): OWASP's recommended floor.
export const hashPassword = (password: string): Promise<string> => hash(password);

export async function passwordMatches(passwordHash: string | null, password: string): Promise<boolean> {
  // Verify against a throwaway hash when there is none, so a missing user costs what a wrong password does.
  return verify(passwordHash ?? (await decoyHash), password).then((matches) => matches && passwordHash !== null);
}

const decoyHash = hash("no user has this password");
