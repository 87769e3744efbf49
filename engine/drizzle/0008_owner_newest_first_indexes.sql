-- Every entity table's owner index becomes (owner, updated_at desc, id desc), as the engine now creates it:
-- a user's own records, newest first (a rep's default lists), are then read from the index in order.
DO $$
DECLARE
  found record;
BEGIN
  FOR found IN
    SELECT n.nspname AS schema_name, t.relname AS table_name, i.relname AS index_name
    FROM pg_index x
    JOIN pg_class i ON i.oid = x.indexrelid
    JOIN pg_class t ON t.oid = x.indrelid
    JOIN pg_namespace n ON n.oid = t.relnamespace
    JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = x.indkey[0]
    WHERE n.nspname LIKE 'ws\_%' AND x.indnatts = 1 AND a.attname = 'owner' AND NOT x.indisunique
  LOOP
    EXECUTE format('DROP INDEX %I.%I', found.schema_name, found.index_name);
    EXECUTE format('CREATE INDEX %I ON %I.%I (owner, updated_at DESC, id DESC)',
      found.index_name, found.schema_name, found.table_name);
  END LOOP;
END $$;
