// A real OpenID Connect provider for the single sign-on tests: panva's oidc-provider (certified),
// with one static client (isoplan) and the accounts given in ACCOUNTS. Its development login form
// takes any login name as the subject; the password is not checked (this is the province's side).
// Usage: PORT=… REDIRECT_URI=… CLIENT_SECRET=… ACCOUNTS='{"sub": {claims}}' node oidc_provider.mjs
import Provider from 'oidc-provider';

const port = Number(process.env.PORT);
const accounts = JSON.parse(process.env.ACCOUNTS);
const provider = new Provider(`http://127.0.0.1:${port}`, {
  clients: [{
    client_id: 'isoplan',
    client_secret: process.env.CLIENT_SECRET,
    redirect_uris: [process.env.REDIRECT_URI],
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
  }],
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name', 'preferred_username'],
  },
  async findAccount(ctx, sub) {
    if (!(sub in accounts)) return undefined;
    return { accountId: sub, claims: async () => ({ sub, ...accounts[sub] }) };
  },
  cookies: { keys: ['tests-only-cookie-key'] },
  features: { devInteractions: { enabled: true } },
});
provider.listen(port, '127.0.0.1', () => console.log('ready'));
