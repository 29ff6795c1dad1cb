import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphql } from "../client/index.ts";
import {
  fundedUser,
  placeLimit,
  RESTING,
  startExchange,
  waitForStatus,
  type Exchange,
} from "./kit/index.ts";

const CANCEL = graphql(`
  mutation CancelRequested($id: ID!) {
    cancelOrder(id: $id) {
      id
      status
      cancelRequested
    }
  }
`);
const ORDER_FLAG = graphql(`
  query CancelRequestedOrder($id: ID!) {
    order(id: $id) {
      status
      cancelRequested
    }
  }
`);

let ex: Exchange;
beforeAll(async () => {
  ex = await startExchange({ components: ["api", "relay", "matcher", "settlement"] });
});
afterAll(() => ex.stop());

describe("cancelOrder answers that the cancel is requested", () => {
  it("cancelRequested is true on its answer (status still the one before), false on reads", async () => {
    const user = await fundedUser(ex, "cancel-requested", { USDT: "1000" });
    const placed = await placeLimit(ex, user.bearer, "BUY", "100", "0.1");
    await waitForStatus(ex, user.bearer, placed.id, RESTING);
    const placedFlag = await ex.gql(ORDER_FLAG, { id: placed.id }, user.bearer);
    expect(placedFlag.data?.order?.cancelRequested).toBe(false);

    const cancel = await ex.gql(CANCEL, { id: placed.id }, user.bearer);
    expect(cancel.errors).toBeUndefined();
    expect(cancel.data?.cancelOrder).toMatchObject({ id: placed.id, cancelRequested: true });
    expect(RESTING).toContain(cancel.data?.cancelOrder.status);

    await waitForStatus(ex, user.bearer, placed.id, ["CANCELLED"]);
    const after = await ex.gql(ORDER_FLAG, { id: placed.id }, user.bearer);
    expect(after.data?.order).toEqual({ status: "CANCELLED", cancelRequested: false });
  });
});
