import { defineConfig } from "vitest/config";
import { reportingFor } from "../../vitest.shared.ts";

export default defineConfig({
  test: {
    ...reportingFor("dashboard"),
    projects: [
      {
        test: { name: "unit", include: ["lib/**/*.test.ts"] },
      },
      {
        test: {
          name: "browser",
          include: ["test/**/*.e2e.test.ts"],
          // Starts the real API on a fresh database and the production build of the dashboard, once.
          globalSetup: ["test/global-setup.ts"],
          // One Chromium at a time on a two-core machine; the files share one API and database.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // A retrying check waits for something to show (a render after a server action or a live
          // update); its bound is a deadline for what never comes, not a speed target. vitest's
          // 1 s default fails a server action on two loaded cores.
          expect: { poll: { timeout: 20_000 } },
        },
      },
    ],
  },
});
