// What other workspaces may take from the API. The API itself runs as a process (src/main.ts);
// the benchmark mints tokens the way the API does, to sign its load in.
export { hashToken, issueToken, TOKEN_PREFIX, type IssuedToken } from "./auth/tokens.ts";
