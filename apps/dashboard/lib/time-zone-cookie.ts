/** Set by the browser (see TimeZoneReporter) so instants render in the reader's own time zone. */
export const TIME_ZONE_COOKIE = "et_tz";
