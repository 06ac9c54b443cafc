// main.ts imports this before anything else, so an unsupported Node.js stops here with one line
// instead of failing somewhere inside a dependency.
import semver from "semver";
import project from "../../../../package.json" with { type: "json" };

const supported = project.engines.node;

if (!semver.satisfies(process.version, supported)) {
  console.error(
    `Engagement Tracker needs Node.js ${supported}, not ${process.version}: start it with \`npm start\` (npm install brings Node.js 24 on Linux) or install Node.js 24 (.nvmrc).`,
  );
  process.exit(1);
}
