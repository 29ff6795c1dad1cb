import type { Client } from "graphql-ws";
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from "react";
import type { TypedDocumentString } from "../../client/generated/graphql.ts";
import { ApiError, request } from "./api.ts";
import { createSocket, subscribe } from "./socket.ts";

const TOKEN_KEY = "eventhub.token";

/** An error as the page shows it: the API's extensions.code and its message. */
export interface ShownError {
  id: number;
  code: string;
  message: string;
  at: string;
  /** The panel whose action failed: its next success clears it. */
  panel?: ErrorPanel;
}

/** Panels whose actions can fail; an error of one is cleared when its next action succeeds. */
export type ErrorPanel = "account" | "entry" | "orders";

/** What every panel needs: the session token, the socket opened with it, and the error list. */
export interface Session {
  token: string | null;
  socket: Client;
  signIn: (token: string) => void;
  signOut: () => void;
  /** Sends a typed document with the token; a refusal is shown and re-thrown. */
  call: <TData, TVariables>(
    document: TypedDocumentString<TData, TVariables>,
    variables: TVariables,
    panel?: ErrorPanel,
  ) => Promise<TData>;
  report: (error: unknown, panel?: ErrorPanel) => void;
  dismissError: (id: number) => void;
  errors: ShownError[];
}

const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession outside SessionProvider");
  return session;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [token, setToken] = useState<string | null>(() => localStorage.getItem(TOKEN_KEY));
  const [errors, setErrors] = useState<ShownError[]>([]);
  const nextErrorId = useRef(1);

  const report = useCallback((error: unknown, panel?: ErrorPanel) => {
    const shown =
      error instanceof ApiError ? error : new ApiError("CLIENT_ERROR", (error as Error).message);
    const entry: ShownError = {
      id: nextErrorId.current++,
      code: shown.code,
      message: shown.message,
      at: new Date().toISOString().slice(11, 19),
      ...(panel ? { panel } : {}),
    };
    setErrors((list) => [entry, ...list].slice(0, 6));
  }, []);
  const dismissError = useCallback(
    (id: number) => setErrors((list) => list.filter((e) => e.id !== id)),
    [],
  );
  const clearPanel = useCallback(
    (panel: ErrorPanel) =>
      setErrors((list) =>
        list.some((e) => e.panel === panel) ? list.filter((e) => e.panel !== panel) : list,
      ),
    [],
  );

  const signIn = useCallback((next: string) => {
    localStorage.setItem(TOKEN_KEY, next);
    setToken(next);
  }, []);
  const signOut = useCallback(() => {
    localStorage.removeItem(TOKEN_KEY);
    setToken(null);
  }, []);
  /** The 4403 / 401 rule of docs/LIVE.md: drop the token; public data goes on without it. */
  const dropRefusedToken = useCallback(() => {
    report(new ApiError("UNAUTHENTICATED", "The session ended: sign in again"), "account");
    signOut();
  }, [report, signOut]);

  // One socket per token: signing in or out reconnects, and every stream resubscribes.
  const socket = useMemo(() => createSocket(token, dropRefusedToken), [token, dropRefusedToken]);
  useEffect(() => () => void socket.dispose(), [socket]);

  const call = useCallback(
    async <TData, TVariables>(
      document: TypedDocumentString<TData, TVariables>,
      variables: TVariables,
      panel?: ErrorPanel,
    ) => {
      try {
        const data = await request(token, document, variables, dropRefusedToken);
        // The panel's action worked: its earlier refusals are history.
        if (panel) clearPanel(panel);
        return data;
      } catch (error) {
        report(error, panel);
        throw error;
      }
    },
    [token, dropRefusedToken, report, clearPanel],
  );

  const session = useMemo(
    () => ({ token, socket, signIn, signOut, call, report, dismissError, errors }),
    [token, socket, signIn, signOut, call, report, dismissError, errors],
  );
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

/**
 * Runs a subscription while the component is mounted and its variables stay the same; `restart`
 * changing resubscribes (a book that saw a gap or a bad checksum). Refusals are shown.
 */
export function useStream<TData, TVariables>(
  document: TypedDocumentString<TData, TVariables>,
  variables: TVariables | null,
  onData: (data: TData) => void,
  restart = 0,
) {
  const { socket, report } = useSession();
  const handler = useRef(onData);
  handler.current = onData;
  const key = JSON.stringify(variables);
  useEffect(() => {
    if (variables === null) return;
    return subscribe(socket, document, variables, {
      next: (data) => handler.current(data),
      error: (error) => report(error),
    });
    // `key` stands for the variables' value, so an equal object does not resubscribe.
  }, [socket, document, key, restart, report]);
}
