import { useEffect, useState, type FormEvent } from "react";
import type { WebMeQuery, WebWalletFragment } from "../../client/generated/graphql.ts";
import { DEPOSIT, LOGIN, REGISTER } from "../../client/operations.ts";
import { MY_WALLETS, WEB_ME, WEB_WALLETS } from "./documents.ts";
import type { Market } from "./markets.ts";
import { useSession, useStream } from "./session.tsx";

type User = NonNullable<WebMeQuery["me"]>;

/** Register, log in and out, the demo faucet, and the balances (live over myWallets). */
export function AccountPanel({ markets }: { markets: Market[] }) {
  const { token, call, signIn, signOut } = useSession();
  const [user, setUser] = useState<User | null>(null);

  useEffect(() => {
    setUser(null);
    if (!token) return;
    call(WEB_ME, {}).then(
      (data) => setUser(data.me ?? null),
      () => {},
    );
  }, [token, call]);

  return (
    <div className="account">
      {token ? (
        <>
          <div className="panel-title">
            <h3>Account</h3>
            <button data-testid="logout" onClick={signOut}>
              Log out
            </button>
          </div>
          <div className="muted signed-in-as" data-testid="signed-in-as">
            {user ? `${user.name} · ${user.email}` : "signed in"}
          </div>
          <Faucet markets={markets} />
          <Balances />
        </>
      ) : (
        <SignIn
          onToken={(next) => signIn(next)}
          register={(input) => call(REGISTER, { input }, "account").then((d) => d.register.token)}
          login={(input) => call(LOGIN, { input }, "account").then((d) => d.login.token)}
        />
      )}
    </div>
  );
}

function SignIn(props: {
  onToken: (token: string) => void;
  register: (input: { name: string; email: string; password: string }) => Promise<string>;
  login: (input: { email: string; password: string }) => Promise<string>;
}) {
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [mode, setMode] = useState<"register" | "login">("register");

  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      const token =
        mode === "register"
          ? await props.register({ name: name || email.split("@")[0] || "trader", email, password })
          : await props.login({ email, password });
      props.onToken(token);
    } catch {
      // Shown in the error list with its code.
    }
  }

  return (
    <form className="signin" onSubmit={(e) => void submit(e)}>
      <h3>{mode === "register" ? "Create an account" : "Log in"}</h3>
      {mode === "register" && (
        <input
          data-testid="auth-name"
          placeholder="Name"
          autoComplete="name"
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
      )}
      <input
        data-testid="auth-email"
        placeholder="Email"
        type="email"
        autoComplete="email"
        value={email}
        onChange={(e) => setEmail(e.target.value)}
      />
      <input
        data-testid="auth-password"
        placeholder="Password (10+ characters)"
        type="password"
        autoComplete={mode === "register" ? "new-password" : "current-password"}
        value={password}
        onChange={(e) => setPassword(e.target.value)}
      />
      <div className="row">
        <button
          type="submit"
          data-testid={mode === "register" ? "register" : "login"}
          className="primary"
        >
          {mode === "register" ? "Register" : "Log in"}
        </button>
        <button
          type="button"
          data-testid={mode === "register" ? "show-login" : "show-register"}
          onClick={() => setMode(mode === "register" ? "login" : "register")}
        >
          {mode === "register" ? "I have an account" : "New account"}
        </button>
      </div>
    </form>
  );
}

/** The demo faucet (`deposit`): on unless the API runs in production. */
function Faucet({ markets }: { markets: Market[] }) {
  const { call } = useSession();
  const assets = [...new Set(markets.flatMap((m) => [m.base, m.quote]))].sort();
  const [asset, setAsset] = useState("USDT");
  const [amount, setAmount] = useState("10000");

  async function submit(event: FormEvent) {
    event.preventDefault();
    await call(DEPOSIT, { asset, amount }, "account").catch(() => {});
  }

  return (
    <form className="faucet row" onSubmit={(e) => void submit(e)}>
      <select data-testid="faucet-asset" value={asset} onChange={(e) => setAsset(e.target.value)}>
        {assets.map((a) => (
          <option key={a}>{a}</option>
        ))}
      </select>
      <input
        data-testid="faucet-amount"
        inputMode="decimal"
        value={amount}
        onChange={(e) => setAmount(e.target.value.trim())}
      />
      <button type="submit" data-testid="faucet-deposit">
        Faucet
      </button>
    </form>
  );
}

function Balances() {
  const { call } = useSession();
  const [wallets, setWallets] = useState<Map<string, WebWalletFragment>>(new Map());
  // The newer of two versions of a wallet wins, whichever way it came.
  const merge = (more: WebWalletFragment[]) =>
    setWallets((held) => {
      const next = new Map(held);
      for (const wallet of more) {
        const known = next.get(wallet.asset);
        if (!known || Date.parse(known.updatedAt) <= Date.parse(wallet.updatedAt))
          next.set(wallet.asset, wallet);
      }
      return next;
    });

  // The stream first, then the query: a change between the two is not lost.
  useStream(MY_WALLETS, {}, ({ myWallets }) => merge([myWallets]));
  useEffect(() => {
    call(WEB_WALLETS, {}).then(
      (data) => merge(data.wallets),
      () => {},
    );
  }, [call]);

  return (
    <table className="balances" data-testid="balances">
      <thead>
        <tr className="muted">
          <th>Asset</th>
          <th>Available</th>
          <th>Locked</th>
        </tr>
      </thead>
      <tbody>
        {[...wallets.values()].map((w) => (
          <tr key={w.asset} data-testid={`balance-${w.asset}`}>
            <td>{w.asset}</td>
            <td data-testid={`balance-${w.asset}-available`}>{w.available}</td>
            <td data-testid={`balance-${w.asset}-locked`}>{w.locked}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
