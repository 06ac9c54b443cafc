export { seedDemoData, type SeedResult } from "./demo.ts";
export { seedSyntheticData, SYNTHETIC_TITLE_PREFIX, type SyntheticOptions } from "./synthetic.ts";
