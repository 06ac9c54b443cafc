// main.ts imports this before anything else, so an unsupported Node.js stops here with one line
// instead of failing somewhere inside a dependency.
import semver from "semver";
import project from "../../../../package.json" with { type: "json" };

const supported = project.engines.node;

if (!semver.satisfies(process.version, supported)) {
  console.error(
    `Engagement Tracker needs Node.js ${supported} and this is ${process.version}: start it with \`npm start\`, which runs the Node.js 24 that \`npm install\` put in node_modules (see README, "Run it").`,
  );
  process.exit(1);
}
