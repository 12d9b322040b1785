import { testDatabases } from "@avala/db/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createHarness, type Harness, issue } from "./harness.js";

// The wallet shows whom an offer is for and warns a holder signed in with another e-mail: the
// claim endpoint's JSON names the recipient as the issuer recorded it.
describe.each(testDatabases())("the claim offer's recipient on $name", (engine) => {
  let h: Harness;
  let admin: string;
  beforeEach(async () => {
    h = await createHarness(engine);
    admin = (await h.createOrg("ece-r")).token;
    expect((await h.addAchievement("ece-r", admin)).status).toBe(201);
  });
  afterEach(() => h.close());

  it("names the learner's name and e-mail in the offer", async () => {
    const issued = await issue(h, "ece-r", admin, {
      learner: { email: "lupita@example.mx", name: "Guadalupe Ramírez" },
    });
    expect(issued.status, issued.text).toBe(201);
    const path = (issued.body.claimUrl as string).replace("http://issuer.test", "");
    const reply = await h.call(path, { headers: { accept: "application/json" } });
    expect(reply.status, reply.text).toBe(200);
    expect(reply.body.offer.recipient).toEqual({
      name: "Guadalupe Ramírez",
      email: "lupita@example.mx",
    });
  });
});
