import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { AppHeader } from "../components/AppHeader";
import { TimeZoneReporter } from "../components/TimeZoneReporter";
import { getFormatter } from "../lib/reader";
import "./globals.css";
import "./controls.css";
import "./feedback.css";
import styles from "./layout.module.css";

export const metadata: Metadata = {
  title: { default: "Engagement Tracker", template: "%s · Engagement Tracker" },
  description: "Planned bilateral defense engagements at a glance.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#10213f" };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const { timeZone } = await getFormatter();
  return (
    <html lang="en">
      <body>
        <a className={styles.skipLink} href="#main">
          Skip to content
        </a>
        <AppHeader />
        <main id="main" className={styles.main} tabIndex={-1}>
          {children}
        </main>
        <TimeZoneReporter known={timeZone} />
      </body>
    </html>
  );
}
