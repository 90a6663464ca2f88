DROP INDEX "variants_sku_trgm_idx";--> statement-breakpoint
CREATE INDEX "variants_sku_lower_trgm_idx" ON "variants" USING gin (lower("sku") gin_trgm_ops);