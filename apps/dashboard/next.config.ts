import type { NextConfig } from "next";

/**
 * Sent with every response. The Content-Security-Policy is not here: it carries a fresh
 * nonce per request, so proxy.ts sets it.
 */
const SECURITY_HEADERS = [
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

/**
 * HSTS only when a TLS-terminating proxy in front says the request came over HTTPS
 * (`next start` itself serves plain HTTP): sent over HTTP, or from `next dev` on localhost,
 * it would pin the host to HTTPS for a year where nothing serves it.
 */
const HTTPS_ONLY_HEADERS = [{ key: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains" }];

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // server.ts compresses, at a cheaper level.
  compress: false,
  async headers() {
    return [
      { source: "/:path*", headers: SECURITY_HEADERS },
      ...(process.env.NODE_ENV === "production"
        ? [
            {
              source: "/:path*",
              has: [{ type: "header" as const, key: "x-forwarded-proto", value: "https" }],
              headers: HTTPS_ONLY_HEADERS,
            },
          ]
        : []),
    ];
  },
  // Bundled, `ws` loses its optional native helpers ("mask is not a function"); app/live needs it as is.
  // The OpenTelemetry SDK (instrumentation.node.ts) loads as Node loads it, so its instrumentations can hook modules.
  serverExternalPackages: [
    "ws",
    "@opentelemetry/sdk-node",
    "@opentelemetry/instrumentation-undici",
    "@opentelemetry/exporter-trace-otlp-grpc",
    "@opentelemetry/exporter-trace-otlp-http",
    "@opentelemetry/exporter-trace-otlp-proto",
  ],
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
