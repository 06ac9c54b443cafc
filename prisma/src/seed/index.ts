export { seedDemoData, type SeedOptions, type SeedResult } from "./demo.ts";
export { DEMO_CALENDAR_DAY } from "./demo-engagements.ts";
export { seedSyntheticData, SYNTHETIC_TITLE_PREFIX, type SyntheticOptions } from "./synthetic.ts";
