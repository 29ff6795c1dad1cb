-- The open-order count of a (user, market) as of now, not as of the calling statement's start.
-- The batch placement statement (db/orders.repository.ts, PLACE_ORDERS_SQL) places several
-- orders of one (user, market) only under that pair's advisory lock, which it takes itself; its
-- own snapshot was taken before the lock, so it could miss a placement that held the lock and
-- committed in between. A VOLATILE function's queries each take a fresh snapshot (PostgreSQL
-- docs, "Function Volatility Categories"), so a count read here after the lock sees every
-- placement of the pair that held it before. Until now the lock was a statement of its own in a
-- transaction (BEGIN, lock, statement, COMMIT: four round trips; now one).
-- The fresh snapshot exists only under READ COMMITTED (under REPEATABLE READ or SERIALIZABLE
-- every query sees the transaction's first snapshot, taken before the lock), so elsewhere the
-- count is refused (0A000, as migration 0011 refuses deletions) rather than read stale.
-- The statuses are OPEN_ORDER_STATUSES (domain/order-kinds.ts), written out so the partial
-- index orders_user_market_open_idx serves the count; tests/placement-batch.test.ts checks
-- that they agree.
CREATE FUNCTION eventhub_open_orders(p_user_id uuid, p_market text, p_cap bigint)
  RETURNS bigint LANGUAGE plpgsql VOLATILE SET search_path FROM CURRENT AS $$
BEGIN
  IF current_setting('transaction_isolation') <> 'read committed' THEN
    RAISE EXCEPTION 'eventhub_open_orders counts in a fresh snapshot: READ COMMITTED only, not %',
      current_setting('transaction_isolation') USING ERRCODE = '0A000';
  END IF;
  RETURN (SELECT count(*) FROM (SELECT 1 FROM orders
                                 WHERE user_id = p_user_id AND market = p_market
                                   AND status IN ('PENDING', 'OPEN', 'PARTIALLY_FILLED')
                                 LIMIT p_cap) open_orders);
END $$;
