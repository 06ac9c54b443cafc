export { exportData, EXPORT_FORMAT, type BackupSummary } from "./export.ts";
export { importData, ImportRefused, type ImportOptions } from "./import.ts";
