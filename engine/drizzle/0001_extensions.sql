-- Trigram search on title fields; gen_random_uuid() is built in since PostgreSQL 13.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
