import { graphql } from "@engagement-tracker/schema";

/** What every mutation payload's `errors` carries; the forms show each beside the field it names. */
export const UserErrorFieldsFragment = graphql(`
  fragment UserErrorFields on UserError {
    code
    message
    field
  }
`);
