import { graphql } from "@engagement-tracker/schema";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { globalIdOf } from "../common/node.ts";
import { jobQueueOf, type JobName, type JobPayloads } from "../jobs/job-queue.ts";
import { createUserWithToken, clientFor, startTestApi, type TestApi } from "../test/api.ts";
import { day, insertEngagement } from "../test/fixtures.ts";
import { startMailCatcher, type CaughtMail, type MailCatcher } from "../test/mail-catcher.ts";
import { jobsSettled } from "../test/jobs.ts";
import { CreateEngagement } from "../test/shared-operations.ts";

const UpdatePreferences = graphql(`
  mutation UpdateAlertPreferences($input: UpdateAlertPreferencesInput!) {
    updateAlertPreferences(input: $input) {
      preferences {
        userId
        email
        kinds
        timing
        quietHours {
          from
          until
        }
        timeZone
        dueSoonDays
      }
      errors {
        code
        field
        message
      }
    }
  }
`);

const Preferences = graphql(`
  query AlertPreferences($userId: ID) {
    alertPreferences(userId: $userId) {
      userId
      kinds
      timing
      quietHours {
        from
        until
      }
      dueSoonDays
    }
  }
`);

const Move = graphql(`
  mutation AlertMove($input: UpdateEngagementStatusInput!) {
    updateEngagementStatus(input: $input) {
      errors {
        code
      }
    }
  }
`);

let api: TestApi;
let smtp: MailCatcher;
/** Days "today" is ahead of the real one: the jobs' clock. */
let shift = 0;
const now = () => new Date(Date.now() + shift * 86_400_000);

beforeAll(async () => {
  smtp = await startMailCatcher();
  api = await startTestApi({
    now,
    jobs: { pollingIntervalSeconds: 0.5, retryDelayCapSeconds: 1, dashboardUrl: "https://tracker.example.org" },
    mail: { smtpUrl: smtp.url, from: "Tracker <alerts@tracker.example.org>" },
  });
});
afterAll(async () => {
  await api?.close();
  await smtp?.close();
});
beforeEach(() => {
  shift = 0;
});

async function emailOf(userId: string): Promise<string> {
  return (await api.prisma.user.findUniqueOrThrow({ where: { id: userId } })).email;
}

/** Runs a job now and waits until it and every alert job it caused have finished. */
async function run<Name extends JobName>(name: Name, payload: JobPayloads[Name]): Promise<void> {
  await jobQueueOf(api.prisma)!.send(name, payload);
  await settled();
}

/** Waits until no alert job is waiting to run (deferred ones aside) or running. */
const settled = () => jobsSettled(api.prisma, "alerts.");

const about = (title: string) => (mail: CaughtMail) => mail.subject.startsWith(`${title}:`);

describe("alerts by e-mail", () => {
  it("an engagement starting in 5 days and still PLANNED alerts its owner once, as it is written", async () => {
    const title = `Staff talks ${crypto.randomUUID()}`;
    const written = performance.now();
    const created = await api.query(CreateEngagement, {
      input: {
        title,
        kind: "DIALOGUE",
        status: "PLANNED",
        startsOn: day(5),
        endsOn: day(7),
        locationName: "Suva",
        country: "FJ",
        hostCountry: "FJ",
      },
    });
    const [mail] = await smtp.waitFor(about(title));
    const latencyMs = Math.round(mail!.receivedAt - written);
    console.log(`alert e-mail ${latencyMs} ms after the write`);
    expect(mail!.to).toEqual([await emailOf(api.users.EDITOR.id)]);
    expect(mail!.subject).toBe(`${title}: at risk`);
    expect(mail!.text).toContain(`Starts ${day(5)} and is still PLANNED.`);
    const link = `https://tracker.example.org/engagements/${encodeURIComponent(created.createEngagement.engagement!.id)}`;
    expect(mail!.text).toContain(link);
    expect(mail!.html).toContain(`href="${link}"`);

    await run("alerts.sweep", {});
    await run("alerts.sweep", {});
    expect(smtp.mails.filter(about(title))).toHaveLength(1);
  });

  it("an engagement whose window ends today turns OVERDUE tomorrow, and says so once", async () => {
    const owner = await createUserWithToken(api.prisma, "EDITOR");
    const { title } = await insertEngagement(api.prisma, {
      ownerId: owner.id,
      status: "IN_PROGRESS",
      startsOn: new Date(day(-3)),
      endsOn: new Date(day(0)),
    });
    await run("alerts.sweep", {});
    expect(smtp.mails.filter(about(title))).toHaveLength(0);

    shift = 1;
    await run("alerts.sweep", {});
    const [mail] = await smtp.waitFor(about(title));
    expect(mail!.subject).toBe(`${title}: overdue`);
    expect(mail!.to).toEqual([await emailOf(owner.id)]);
    expect(mail!.text).toContain(`Planned window ended ${day(0)} but the engagement is still IN_PROGRESS.`);
    await run("alerts.sweep", {});
    expect(smtp.mails.filter(about(title))).toHaveLength(1);
  });

  it("a milestone due soon alerts by each user's window; postponing alerts the watchers but not whoever did it", async () => {
    const owner = await createUserWithToken(api.prisma, "EDITOR");
    const watcher = await createUserWithToken(api.prisma, "VIEWER");
    await clientFor(api.url, watcher.token).query(UpdatePreferences, { input: { dueSoonDays: 7 } });
    const engagement = await insertEngagement(api.prisma, {
      ownerId: owner.id,
      status: "CONFIRMED",
      startsOn: new Date(day(20)),
      endsOn: new Date(day(22)),
    });
    await api.prisma.watch.create({ data: { userId: watcher.id, engagementId: engagement.id } });
    await api.prisma.milestone.create({
      data: { engagementId: engagement.id, title: "Read-ahead papers", dueOn: new Date(day(5)) },
    });
    await run("alerts.sweep", {});
    const [dueSoon] = await smtp.waitFor(about(engagement.title));
    expect(dueSoon!.to).toEqual([await emailOf(watcher.id)]);
    expect(dueSoon!.text).toContain(`Milestone "Read-ahead papers" of "${engagement.title}" is due ${day(5)}.`);

    shift = 2;
    await run("alerts.sweep", {});
    const mails = await smtp.waitFor(about(engagement.title), 2);
    expect(mails[1]!.to).toEqual([await emailOf(owner.id)]);

    const moved = await clientFor(api.url, owner.token).query(Move, {
      input: { id: engagement.globalId, status: "POSTPONED", reason: "Host asked" },
    });
    expect(moved.updateEngagementStatus.errors).toEqual([]);
    const postponed = await smtp.waitFor((mail) => mail.subject === `${engagement.title}: postponed`);
    expect(postponed[0]!.to).toEqual([await emailOf(watcher.id)]);
    await settled();
    expect(smtp.mails.filter((mail) => mail.subject === `${engagement.title}: postponed`)).toHaveLength(1);
  });

  it("the daily digest lists exactly the user's overdue, at-risk and due-soon items", async () => {
    const user = await createUserWithToken(api.prisma, "EDITOR");
    const other = await createUserWithToken(api.prisma, "EDITOR");
    const saved = await clientFor(api.url, user.token).query(UpdatePreferences, { input: { timing: "DIGEST" } });
    expect(saved.updateAlertPreferences.preferences!.timing).toBe("DIGEST");
    const overdue = await insertEngagement(api.prisma, {
      ownerId: user.id,
      startsOn: new Date(day(-5)),
      endsOn: new Date(day(-1)),
    });
    const atRisk = await insertEngagement(api.prisma, {
      ownerId: user.id,
      startsOn: new Date(day(3)),
      endsOn: new Date(day(4)),
    });
    const watched = await insertEngagement(api.prisma, {
      ownerId: other.id,
      startsOn: new Date(day(10)),
      endsOn: new Date(day(11)),
    });
    await api.prisma.watch.create({ data: { userId: user.id, engagementId: watched.id } });
    const onTrack = await insertEngagement(api.prisma, {
      ownerId: user.id,
      status: "CONFIRMED",
      startsOn: new Date(day(60)),
      endsOn: new Date(day(61)),
    });
    await api.prisma.milestone.create({
      data: { engagementId: onTrack.id, title: "Agenda agreed", dueOn: new Date(day(2)) },
    });
    await api.prisma.milestone.create({ data: { engagementId: onTrack.id, title: "Later", dueOn: new Date(day(9)) } });
    await insertEngagement(api.prisma, { ownerId: other.id, startsOn: new Date(day(-5)), endsOn: new Date(day(-1)) });
    await insertEngagement(api.prisma, {
      ownerId: user.id,
      status: "CANCELLED",
      startsOn: new Date(day(2)),
      endsOn: new Date(day(3)),
    });

    await run("alerts.digest", {});
    const digests = smtp.mails.filter((mail) => mail.subject.startsWith("Needs attention today"));
    expect(digests).toHaveLength(1);
    const [digest] = digests;
    expect(digest!.to).toEqual([await emailOf(user.id)]);
    expect(digest!.subject).toBe("Needs attention today: 4 items");
    const items = digest!.text.split("\n").filter((line) => line.startsWith("- "));
    expect(items).toEqual([
      `- ${overdue.title}: Planned window ended ${day(-1)} but the engagement is still PLANNED.`,
      ...[atRisk, watched]
        .sort((a, b) => a.title.localeCompare(b.title))
        .map(
          (engagement) =>
            `- ${engagement.title}: Starts ${engagement.startsOn.toISOString().slice(0, 10)} and is still PLANNED.`,
        ),
      `- ${onTrack.title}: Milestone "Agenda agreed" is due ${day(2)}.`,
    ]);
    expect(digest!.text).toMatch(/^Needs attention today \(\d{4}-\d\d-\d\d\):/);
    expect(digest!.html).toContain(`<h2 style="font-size:16px">Overdue (1)</h2>`);
    // Immediate alerts are not for digest readers.
    await run("alerts.sweep", {});
    expect(smtp.mails.filter((mail) => mail.to.includes(digest!.to[0]!))).toHaveLength(1);
  });

  it("during quiet hours an immediate alert waits until they end", async () => {
    const owner = await createUserWithToken(api.prisma, "EDITOR");
    const minute = (at: Date) =>
      `${String(at.getUTCHours()).padStart(2, "0")}:${String(at.getUTCMinutes()).padStart(2, "0")}`;
    const from = minute(new Date(Date.now() - 3_600_000));
    const until = minute(new Date(Date.now() + 3_600_000));
    const saved = await clientFor(api.url, owner.token).query(UpdatePreferences, {
      input: { quietHours: { from, until }, timeZone: "UTC" },
    });
    expect(saved.updateAlertPreferences.errors).toEqual([]);
    const { id, title } = await insertEngagement(api.prisma, {
      ownerId: owner.id,
      startsOn: new Date(day(2)),
      endsOn: new Date(day(3)),
    });
    await run("alerts.sweep", {});
    expect(smtp.mails.filter(about(title))).toHaveLength(0);
    const [waiting] = await api.prisma.$queryRawUnsafe<[{ startAfter: Date }]>(
      `SELECT start_after AS "startAfter" FROM pgboss.job WHERE name = 'alerts.email' AND data->>'userId' = $1`,
      owner.id,
    );
    const end = new Date(Date.now() + 3_600_000);
    end.setUTCSeconds(0, 0);
    expect(waiting!.startAfter.getTime()).toBe(end.getTime());
    const recipient = await api.prisma.alertRecipient.findFirstOrThrow({
      where: { userId: owner.id, alert: { engagementId: id } },
    });
    expect(recipient.emailedAt).toBeNull();
  });
});

describe("alert preferences", () => {
  it("are the defaults until saved, and each user's own", async () => {
    const viewer = api.as("VIEWER");
    const mine = await viewer.query(Preferences, {});
    expect(mine.alertPreferences).toEqual({
      userId: globalIdOf("User", api.users.VIEWER.id),
      kinds: ["AT_RISK", "OVERDUE", "MILESTONE_DUE_SOON", "MILESTONE_OVERDUE", "POSTPONED", "CANCELLED"],
      timing: "IMMEDIATE",
      quietHours: null,
      dueSoonDays: 3,
    });
    const saved = await viewer.query(UpdatePreferences, {
      input: {
        kinds: ["OVERDUE"],
        quietHours: { from: "22:00", until: "07:00" },
        timeZone: "Europe/Paris",
        dueSoonDays: 5,
      },
    });
    expect(saved.updateAlertPreferences.preferences).toMatchObject({
      kinds: ["OVERDUE"],
      quietHours: { from: "22:00", until: "07:00" },
      timeZone: "Europe/Paris",
      dueSoonDays: 5,
      timing: "IMMEDIATE",
    });
    const cleared = await viewer.query(UpdatePreferences, { input: { quietHours: null } });
    expect(cleared.updateAlertPreferences.preferences).toMatchObject({ quietHours: null, kinds: ["OVERDUE"] });
  });

  it("refuse bad values with typed errors, saving nothing", async () => {
    const editor = api.as("EDITOR");
    const before = await editor.query(Preferences, {});
    const refused = await editor.query(UpdatePreferences, {
      input: {
        quietHours: { from: "25:00", until: "7am" },
        timeZone: "Mars/Olympus",
        dueSoonDays: 31,
        timing: "DIGEST",
      },
    });
    expect(refused.updateAlertPreferences.preferences).toBeNull();
    expect(refused.updateAlertPreferences.errors.map((error) => [error.code, error.field])).toEqual([
      ["VALIDATION", ["timeZone"]],
      ["VALIDATION", ["dueSoonDays"]],
      ["VALIDATION", ["quietHours", "from"]],
      ["VALIDATION", ["quietHours", "until"]],
    ]);
    expect(await editor.query(Preferences, {})).toEqual(before);
  });

  it("cannot be read or changed by another user; an admin may", async () => {
    const target = globalIdOf("User", api.users.EDITOR.id);
    const before = await api.query(Preferences, {});
    for (const role of ["VIEWER"] as const) {
      const attempt = await api.as(role).query(UpdatePreferences, { input: { userId: target, kinds: [] } });
      expect(attempt.updateAlertPreferences.errors.map((error) => error.code)).toEqual(["NOT_YOURS"]);
      const read = await api.as(role).request(Preferences, { userId: target });
      expect(read.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    }
    expect(await api.query(Preferences, {})).toEqual(before);
    const byAdmin = await api.as("ADMIN").query(UpdatePreferences, { input: { userId: target, dueSoonDays: 4 } });
    expect(byAdmin.updateAlertPreferences.preferences).toMatchObject({ userId: target, dueSoonDays: 4 });
  });
});
