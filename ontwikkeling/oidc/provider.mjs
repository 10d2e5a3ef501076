// A real OpenID Connect provider for tests and the demo: panva's certified oidc-provider
// (devDependency in package.json), on 127.0.0.1. Development only: its built-in
// interactions accept any login name without a password, and the login name is the
// e-mail address it vouches for. "onbevestigd+…@…" logs in with email_verified=false.
//
//   OIDC_POORT=9100 OIDC_CLIENT_ID=tegenkracht OIDC_CLIENT_SECRET=… \
//   OIDC_REDIRECT_URIS=http://127.0.0.1:8000/accounts/sso/terug/ node ontwikkeling/oidc/provider.mjs
//
// Prints "klaar <issuer>" once it listens.
import Provider from "oidc-provider";

const poort = Number(process.env.OIDC_POORT || 9100);
const issuer = `http://127.0.0.1:${poort}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: process.env.OIDC_CLIENT_ID || "tegenkracht",
      client_secret: process.env.OIDC_CLIENT_SECRET || "tegenkracht-geheim",
      redirect_uris: (process.env.OIDC_REDIRECT_URIS || "http://127.0.0.1:8000/accounts/sso/terug/").split(","),
      grant_types: ["authorization_code"],
      response_types: ["code"],
      token_endpoint_auth_method: "client_secret_post",
    },
  ],
  claims: {
    openid: ["sub"],
    email: ["email", "email_verified"],
    profile: ["name", "given_name", "family_name"],
  },
  async findAccount(ctx, id) {
    return {
      accountId: id,
      async claims() {
        return {
          sub: id,
          email: id.replace(/^onbevestigd\+/, ""),
          email_verified: !id.startsWith("onbevestigd+"),
          name: id.split("@")[0],
        };
      },
    };
  },
  pkce: { required: () => true },
  features: { devInteractions: { enabled: true } },
  cookies: { keys: ["tegenkracht-test-provider"] },
});
provider.proxy = false;

const server = provider.listen(poort, "127.0.0.1", () => {
  console.log(`klaar ${issuer}`);
});
for (const signaal of ["SIGTERM", "SIGINT"]) {
  process.on(signaal, () => server.close(() => process.exit(0)));
}
