// Receives Memoria's webhooks: verifies every delivery with the Standard Webhooks library and applies each change once.
//   npm install standardwebhooks
//   WEBHOOK_SECRET=whsec_... PORT=8787 node webhook-receiver.js
const http = require("node:http");
const { Webhook } = require("standardwebhooks");

const webhook = new Webhook(process.env.WEBHOOK_SECRET);
const applied = new Set(); // the webhook-ids already applied; keep them in your database

http.createServer((req, res) => {
  const chunks = [];
  req.on("data", (chunk) => chunks.push(chunk));
  req.on("end", () => {
    const body = Buffer.concat(chunks).toString("utf8"); // verify the exact bytes received
    let delivery;
    try {
      delivery = webhook.verify(body, req.headers); // throws if forged, altered or more than 5 minutes old
    } catch (e) {
      res.writeHead(400).end();
      return;
    }
    const id = req.headers["webhook-id"]; // the same on every retry of a delivery
    if (!applied.has(id)) {
      console.log(JSON.stringify(delivery.data.activity)); // apply the change here: GET activity.object.id, or delete
      applied.add(id);
    }
    res.writeHead(204).end(); // any 2xx; anything else is retried
  });
}).listen(Number(process.env.PORT), "127.0.0.1", () => console.log("listening"));
