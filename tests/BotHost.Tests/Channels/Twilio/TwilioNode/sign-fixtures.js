// Signs every ../Fixtures/*.form payload as Twilio would deliver it to ReportBot's test host, using Twilio's own
// helper library (twilio.getExpectedTwilioSignature), and writes ../Fixtures/twilio-node-signatures.json.
// Regenerate with: npm ci && npm run sign   (in this folder)
const fs = require("fs");
const path = require("path");
const twilio = require("twilio");

const authToken = "12345";
const url = "https://bot.example.org/webhooks/twilio"; // ReportBotApp.PublicBaseUrl + the webhook path
const fixtures = path.join(__dirname, "..", "Fixtures");
const out = { library: `twilio@${require("twilio/package.json").version}`, authToken, url, signatures: {} };

for (const file of fs.readdirSync(fixtures).filter((f) => f.endsWith(".form")).sort()) {
  const params = {};
  for (const [name, value] of new URLSearchParams(fs.readFileSync(path.join(fixtures, file), "utf8"))) {
    params[name] = name in params ? [].concat(params[name], value) : value;
  }
  const signature = twilio.getExpectedTwilioSignature(authToken, url, params);
  if (!twilio.validateRequest(authToken, signature, url, params)) throw new Error(`twilio rejects its own signature for ${file}`);
  out.signatures[file] = signature;
}
fs.writeFileSync(path.join(fixtures, "twilio-node-signatures.json"), JSON.stringify(out, null, 2) + "\n");
console.log(`signed ${Object.keys(out.signatures).length} fixtures with ${out.library}`);
