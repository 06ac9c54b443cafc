import { seedDemoData } from "@engagement-tracker/db/seed";
import { isCountryCode } from "@engagement-tracker/schema/countries";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../test/api.ts";

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
  await seedDemoData(api.prisma);
});
afterAll(() => api?.close());

it("seeds only ISO 3166-1 alpha-2 countries, for places, hosts and organizations", async () => {
  const engagements = await api.prisma.engagement.findMany({ select: { country: true, hostCountry: true } });
  const organizations = await api.prisma.organization.findMany({ select: { country: true } });
  const codes = [
    ...engagements.flatMap((engagement) => [engagement.country, engagement.hostCountry]),
    ...organizations.map((organization) => organization.country),
  ];
  expect(codes.length).toBeGreaterThan(20);
  expect(codes.filter((code) => !isCountryCode(code) || code !== code.toUpperCase())).toEqual([]);
});
