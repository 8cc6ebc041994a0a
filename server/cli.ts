import { parseArgs } from "node:util";
import { z } from "zod";
import { openDatabase } from "../db/connection";
import { migrateToLatest } from "../db/migrate";
import { getAgencyByCode } from "../app/models/agencies.server";
import { systemClock } from "../app/models/clock.server";
import { DomainError } from "../app/models/errors.server";
import { grantMembership } from "../app/models/memberships.server";
import { getSeriesBySlug } from "../app/models/series.server";
import { createUser, findUserByEmail } from "../app/models/users.server";
import { agencyCodeField, emailField, nameField, passwordField, roleField, slugField } from "../app/validation/fields";
import { loadConfig } from "./config";
import { seedDemoData } from "./demo-seed";

const USAGE = `Usage: npm run accord -- <command>

  user add --email E --name N --password P [--admin]
  member add --email E --series SLUG --agency CODE --role secretariat|delegate|observer
  db migrate
  db seed            load the demo data (agencies, series, demo accounts)

The database is DATABASE_URL (default data/accord.db).`;

class UsageError extends Error {}

const MESSAGES: Record<string, string> = {
  "errors.emailInvalid": "is not a valid email address",
  "errors.required": "is required",
  "errors.tooLong": "is too long",
  "errors.passwordTooShort": "must be at least 10 characters",
  "errors.agencyCodeInvalid": "must be 2–16 letters, digits, - or _",
  "errors.slugInvalid": "must be lower-case words joined by -",
  "errors.roleInvalid": "must be secretariat, delegate or observer",
  emailTaken: "a user with this email already exists",
  agencyNotParty: "that agency is not a party to the series",
};

function parse<T extends z.ZodRawShape>(shape: T, values: Record<string, unknown>) {
  const result = z.object(shape).safeParse(values);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `--${String(i.path[0])} ${MESSAGES[i.message] ?? i.message}`);
    throw new UsageError(lines.join("\n"));
  }
  return result.data;
}

async function run(argv: string[]): Promise<string> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      email: { type: "string" },
      name: { type: "string" },
      password: { type: "string" },
      admin: { type: "boolean", default: false },
      series: { type: "string" },
      agency: { type: "string" },
      role: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  const command = positionals.join(" ");
  if (values.help || command === "") return USAGE;

  const config = loadConfig();
  const handle = openDatabase(config.databaseUrl);
  const { db, close } = handle;
  try {
    await migrateToLatest(db);
    switch (command) {
      case "db migrate":
        return `Database ${config.databaseUrl} is up to date.`;
      case "db seed": {
        if (await findUserByEmail(db, "admin@accord.test")) return "Demo data is already there.";
        await seedDemoData(handle, systemClock);
        return "Demo data loaded.";
      }
      case "user add": {
        const input = parse({ email: emailField, name: nameField, password: passwordField }, values);
        const user = await createUser(db, systemClock, { ...input, isAdmin: values.admin });
        return `Created ${values.admin ? "admin " : ""}user ${user.email} (${user.id}).`;
      }
      case "member add": {
        const input = parse({ email: emailField, series: slugField, agency: agencyCodeField, role: roleField }, values);
        const user = await findUserByEmail(db, input.email);
        if (!user) throw new UsageError(`No user with email ${input.email}.`);
        const series = await getSeriesBySlug(db, input.series);
        if (!series) throw new UsageError(`No series with slug ${input.series}.`);
        const agency = await getAgencyByCode(db, input.agency);
        if (!agency) throw new UsageError(`No agency with code ${input.agency}.`);
        await grantMembership(db, systemClock, { seriesId: series.id, userId: user.id, agencyId: agency.id, role: input.role });
        return `${user.email} is now ${input.role} of ${series.slug} for ${agency.code}.`;
      }
      default:
        throw new UsageError(`Unknown command "${command}".\n\n${USAGE}`);
    }
  } finally {
    await close();
  }
}

run(process.argv.slice(2)).then(
  (message) => {
    console.log(message);
    process.exit(0);
  },
  (error: unknown) => {
    if (error instanceof DomainError) console.error(`Error: ${MESSAGES[error.code] ?? error.code}`);
    else if (error instanceof UsageError) console.error(`Error: ${error.message}`);
    else if (error instanceof Error && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS")) {
      console.error(`Error: ${error.message}\n\n${USAGE}`);
    } else console.error(`Error: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
