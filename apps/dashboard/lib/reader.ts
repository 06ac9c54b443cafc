import { cookies, headers } from "next/headers";
import { cache } from "react";
import { formatterFor, localeFromAcceptLanguage, type Formatter } from "./format";
import { TIME_ZONE_COOKIE } from "./time-zone-cookie";

/** The request's reader: their locale from Accept-Language and their time zone once the browser reported it. */
export const getFormatter = cache(async (): Promise<Formatter> => {
  const [headerList, cookieStore] = await Promise.all([headers(), cookies()]);
  const locale = localeFromAcceptLanguage(headerList.get("accept-language"));
  return formatterFor(locale, cookieStore.get(TIME_ZONE_COOKIE)?.value);
});
