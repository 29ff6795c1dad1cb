ALTER TABLE "ledger_entries" DROP CONSTRAINT "ledger_entries_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "ledger_entries" DROP CONSTRAINT "ledger_entries_asset_assets_symbol_fk";
--> statement-breakpoint
ALTER TABLE "orders" DROP CONSTRAINT "orders_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "orders" DROP CONSTRAINT "orders_market_markets_symbol_fk";
--> statement-breakpoint
ALTER TABLE "trades" DROP CONSTRAINT "trades_market_markets_symbol_fk";

--> statement-breakpoint
-- The five references above were foreign keys: each inserted order, ledger row or trade ran a
-- lookup per row and per key (about 16 µs each; 180 ledger rows in one statement took 5.5–6.5 ms
-- with them, 3.3–4.0 ms with this trigger: docs/PERFORMANCE.md, sixth pass). The same rules now
-- hold per statement. An AFTER INSERT trigger over the statement's new rows (a transition table)
-- locks the parents they name FOR KEY SHARE in one query per parent table, as a foreign key
-- locks them, and refuses the statement (23503) when one is missing. The lock is what a foreign
-- key takes, so the races come out as they did: a parent's deletion waits for the inserting
-- transaction and then sees its rows; an insert waits for an uncommitted deletion and then finds
-- the parent gone; under REPEATABLE READ a parent deleted after the snapshot fails the insert
-- with 40001. One function serves the three tables (PL/pgSQL plans a trigger function per
-- table, so each branch only ever reads its own table's columns). The parents' side is below.
CREATE FUNCTION eventhub_child_references() RETURNS trigger LANGUAGE plpgsql
  SET search_path FROM CURRENT AS $$
DECLARE
  locked int;
  missing text;
BEGIN
  IF TG_TABLE_NAME IN ('orders', 'ledger_entries') THEN
    SELECT count(*) INTO locked FROM (SELECT 1 FROM users
      WHERE id IN (SELECT user_id FROM new_rows) ORDER BY id FOR KEY SHARE) AS parents;
    IF locked <> (SELECT count(DISTINCT user_id) FROM new_rows) THEN
      missing := 'user_id must be in users';
    END IF;
  END IF;
  IF missing IS NULL AND TG_TABLE_NAME IN ('orders', 'trades') THEN
    SELECT count(*) INTO locked FROM (SELECT 1 FROM markets
      WHERE symbol IN (SELECT market FROM new_rows) ORDER BY symbol FOR KEY SHARE) AS parents;
    IF locked <> (SELECT count(DISTINCT market) FROM new_rows) THEN
      missing := 'market must be in markets';
    END IF;
  END IF;
  IF missing IS NULL AND TG_TABLE_NAME = 'ledger_entries' THEN
    SELECT count(*) INTO locked FROM (SELECT 1 FROM assets
      WHERE symbol IN (SELECT asset FROM new_rows) ORDER BY symbol FOR KEY SHARE) AS parents;
    IF locked <> (SELECT count(DISTINCT asset) FROM new_rows) THEN
      missing := 'asset must be in assets';
    END IF;
  END IF;
  IF missing IS NOT NULL THEN
    RAISE EXCEPTION 'insert on table "%" violates its references: %', TG_TABLE_NAME, missing
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER orders_references AFTER INSERT ON orders REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION eventhub_child_references();
--> statement-breakpoint
CREATE TRIGGER ledger_entries_references AFTER INSERT ON ledger_entries
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION eventhub_child_references();
--> statement-breakpoint
CREATE TRIGGER trades_references AFTER INSERT ON trades REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION eventhub_child_references();
--> statement-breakpoint
-- A row's references, and the parents' keys, never change: no writer changes them. Stricter than
-- the keys' ON UPDATE NO ACTION, which refused a parent's key change only while a row named the
-- parent. The WHEN clause is evaluated without calling the function: one comparison per updated
-- row while they hold.
CREATE FUNCTION eventhub_references_are_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'update on table "%" changes a reference or key, which never changes', TG_TABLE_NAME
    USING ERRCODE = 'foreign_key_violation';
END $$;
--> statement-breakpoint
CREATE TRIGGER orders_references_fixed BEFORE UPDATE ON orders FOR EACH ROW
  WHEN (OLD.user_id IS DISTINCT FROM NEW.user_id OR OLD.market IS DISTINCT FROM NEW.market)
  EXECUTE FUNCTION eventhub_references_are_fixed();
--> statement-breakpoint
CREATE TRIGGER ledger_entries_references_fixed BEFORE UPDATE ON ledger_entries FOR EACH ROW
  WHEN (OLD.user_id IS DISTINCT FROM NEW.user_id OR OLD.asset IS DISTINCT FROM NEW.asset)
  EXECUTE FUNCTION eventhub_references_are_fixed();
--> statement-breakpoint
CREATE TRIGGER trades_references_fixed BEFORE UPDATE ON trades FOR EACH ROW
  WHEN (OLD.market IS DISTINCT FROM NEW.market)
  EXECUTE FUNCTION eventhub_references_are_fixed();
--> statement-breakpoint
CREATE TRIGGER users_key_fixed BEFORE UPDATE ON users FOR EACH ROW
  WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION eventhub_references_are_fixed();
--> statement-breakpoint
CREATE TRIGGER markets_key_fixed BEFORE UPDATE ON markets FOR EACH ROW
  WHEN (OLD.symbol IS DISTINCT FROM NEW.symbol) EXECUTE FUNCTION eventhub_references_are_fixed();
--> statement-breakpoint
CREATE TRIGGER assets_key_fixed BEFORE UPDATE ON assets FOR EACH ROW
  WHEN (OLD.symbol IS DISTINCT FROM NEW.symbol) EXECUTE FUNCTION eventhub_references_are_fixed();
--> statement-breakpoint
-- Parents, as the foreign keys had it: a user's deletion deletes its ledger rows (ON DELETE
-- CASCADE) and is refused while orders name it; a market named by orders or trades, and an asset
-- named by ledger rows, cannot be deleted. A deletion waits for the row locks of transactions
-- inserting rows that name the parent, so its check sees them. Only under READ COMMITTED: a
-- REPEATABLE READ snapshot could miss rows committed after it began (a foreign key cross-checks;
-- these refuse with 0A000 instead). TRUNCATE of a parent is refused while any row could name it,
-- even when the children are truncated in the same command (truncate them first), and TRUNCATE
-- ... CASCADE no longer reaches orders, ledger rows or trades.
CREATE FUNCTION eventhub_parents_deleted() RETURNS trigger LANGUAGE plpgsql
  SET search_path FROM CURRENT AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM old_rows) THEN
    RETURN NULL;
  END IF;
  IF current_setting('transaction_isolation') <> 'read committed' THEN
    RAISE EXCEPTION 'delete on table "%" needs READ COMMITTED (its references are checked there)', TG_TABLE_NAME
      USING ERRCODE = 'feature_not_supported';
  END IF;
  IF TG_TABLE_NAME = 'users' THEN
    IF EXISTS (SELECT 1 FROM orders o WHERE o.user_id IN (SELECT id FROM old_rows)) THEN
      RAISE EXCEPTION 'delete on table "users" violates a reference: orders still name the user'
        USING ERRCODE = 'foreign_key_violation';
    END IF;
    DELETE FROM ledger_entries WHERE user_id IN (SELECT id FROM old_rows);
  ELSIF TG_TABLE_NAME = 'markets' THEN
    IF EXISTS (SELECT 1 FROM orders o WHERE o.market IN (SELECT symbol FROM old_rows))
       OR EXISTS (SELECT 1 FROM trades t WHERE t.market IN (SELECT symbol FROM old_rows)) THEN
      RAISE EXCEPTION 'delete on table "markets" violates a reference: orders or trades still name the market'
        USING ERRCODE = 'foreign_key_violation';
    END IF;
  ELSIF EXISTS (SELECT 1 FROM ledger_entries l WHERE l.asset IN (SELECT symbol FROM old_rows)) THEN
    RAISE EXCEPTION 'delete on table "assets" violates a reference: ledger rows still name the asset'
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER users_deleted AFTER DELETE ON users REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION eventhub_parents_deleted();
--> statement-breakpoint
CREATE TRIGGER markets_deleted AFTER DELETE ON markets REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION eventhub_parents_deleted();
--> statement-breakpoint
CREATE TRIGGER assets_deleted AFTER DELETE ON assets REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION eventhub_parents_deleted();
--> statement-breakpoint
CREATE FUNCTION eventhub_parents_truncated() RETURNS trigger LANGUAGE plpgsql
  SET search_path FROM CURRENT AS $$
BEGIN
  IF current_setting('transaction_isolation') <> 'read committed' THEN
    RAISE EXCEPTION 'truncate of table "%" needs READ COMMITTED (its references are checked there)', TG_TABLE_NAME
      USING ERRCODE = 'feature_not_supported';
  END IF;
  IF (TG_TABLE_NAME = 'users' AND (EXISTS (SELECT 1 FROM orders) OR EXISTS (SELECT 1 FROM ledger_entries)))
     OR (TG_TABLE_NAME = 'markets' AND (EXISTS (SELECT 1 FROM orders) OR EXISTS (SELECT 1 FROM trades)))
     OR (TG_TABLE_NAME = 'assets' AND EXISTS (SELECT 1 FROM ledger_entries)) THEN
    RAISE EXCEPTION 'truncate of table "%" violates a reference: rows may still name it', TG_TABLE_NAME
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER users_truncated BEFORE TRUNCATE ON users
  FOR EACH STATEMENT EXECUTE FUNCTION eventhub_parents_truncated();
--> statement-breakpoint
CREATE TRIGGER markets_truncated BEFORE TRUNCATE ON markets
  FOR EACH STATEMENT EXECUTE FUNCTION eventhub_parents_truncated();
--> statement-breakpoint
CREATE TRIGGER assets_truncated BEFORE TRUNCATE ON assets
  FOR EACH STATEMENT EXECUTE FUNCTION eventhub_parents_truncated();
