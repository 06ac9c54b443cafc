import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Workspace packages ship TypeScript source.
  transpilePackages: ["@engagement-tracker/schema"],
  // The generated GraphQL code imports `./graphql.js` meaning `./graphql.ts` (NodeNext style).
  // Turbopack cannot map that (vercel/next.js#82945), so the dashboard builds with webpack.
  webpack(config: { resolve: { extensionAlias?: Record<string, string[]> } }) {
    config.resolve.extensionAlias = { ".js": [".ts", ".tsx", ".js"] };
    return config;
  },
};

export default nextConfig;
