/** The dashboard's own httpOnly cookie holding the API token of the signed-in user. */
export const SESSION_COOKIE = "et_session";
