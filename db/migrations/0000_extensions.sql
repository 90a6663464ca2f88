-- Extensions the schema relies on: trigram typo tolerance for search, gen_random_uuid is built in.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
