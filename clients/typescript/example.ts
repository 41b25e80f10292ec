// A partner's first steps with the typescript-fetch client generated from the gateway's document (docs/api.md,
// "TypeScript client"). tsc type-checks it with the client in strict mode (TypeScriptClientTest).
import {
    Configuration,
    PeopleApi,
    ProblemFromJSON,
    PutPersonIfNoneMatchEnum,
    ResponseError,
    type Dossier,
    type Problem,
} from "./memoria-client";

export async function example(baseUrl: string, token: string): Promise<Dossier> {
    const people = new PeopleApi(new Configuration({ basePath: baseUrl, accessToken: token }));

    // Create under an id of our own: with If-None-Match: * a retry cannot create it twice (412 if it exists).
    // Without an id of your own, createPerson with an idempotencyKey (a UUID) is just as safe to retry.
    const id = crypto.randomUUID();
    const created = await people.putPersonRaw({
        id,
        ifNoneMatch: PutPersonIfNoneMatchEnum.Star,
        personInput: { preferredName: "Ramón Mercader", birthDate: "1913-02-07", names: [{ name: "Frank Jacson", type: "ALIAS" }] },
    });
    const etag = created.raw.headers.get("ETag"); // the version, "0"

    // The dossier is composed from the change events: it shows the write once they are projected (milliseconds).
    let dossier: Dossier | undefined;
    while (dossier === undefined) {
        try {
            dossier = await people.getDossier({ id });
        } catch (e) {
            if (!(e instanceof ResponseError) || e.response.status !== 404) {
                throw e;
            }
            await new Promise((resolve) => setTimeout(resolve, 50));
        }
    }

    // A merge patch under If-Match: only the members it names change; null would remove one.
    await people.patchPerson({ id, ifMatch: etag ?? undefined, personPatch: { deathDate: "1978-10-18" } });

    // The same If-Match again is stale now: 412, and every 4xx/5xx body is a Problem.
    try {
        await people.patchPerson({ id, ifMatch: etag ?? undefined, personPatch: { description: "stale" } });
    } catch (e) {
        if (!(e instanceof ResponseError)) {
            throw e;
        }
        const problem: Problem = ProblemFromJSON(await e.response.json());
        console.log(problem.status, problem.title, problem.detail, e.response.headers.get("ETag")); // 412, the current version
        for (const error of problem.errors ?? []) {
            console.log(error.field, error.reason); // a 400 names each rejected field
        }
    }
    return dossier;
}
