CREATE TYPE "public"."flash_gate_engine" AS ENUM('redis', 'postgres');--> statement-breakpoint
CREATE TYPE "public"."flash_hold_status" AS ENUM('active', 'confirmed', 'released', 'expired');--> statement-breakpoint
CREATE TYPE "public"."flash_sale_status" AS ENUM('proposed', 'approved', 'rejected', 'scheduled', 'live', 'ended', 'cancelled');--> statement-breakpoint
CREATE TABLE "flash_holds" (
	"id" uuid PRIMARY KEY NOT NULL,
	"sale_id" uuid NOT NULL,
	"customer_key" text NOT NULL,
	"quantity" integer NOT NULL,
	"status" "flash_hold_status" DEFAULT 'active' NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"checkout_id" uuid,
	"order_id" uuid,
	"epoch" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"settled_at" timestamp with time zone,
	CONSTRAINT "flash_holds_quantity_positive" CHECK ("flash_holds"."quantity" > 0)
);
--> statement-breakpoint
CREATE TABLE "flash_sale_customers" (
	"sale_id" uuid NOT NULL,
	"customer_key" text NOT NULL,
	"units" integer DEFAULT 0 NOT NULL,
	"active_hold_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "flash_sale_customers_sale_id_customer_key_pk" PRIMARY KEY("sale_id","customer_key"),
	CONSTRAINT "flash_sale_customers_units_nonnegative" CHECK ("flash_sale_customers"."units" >= 0)
);
--> statement-breakpoint
CREATE TABLE "flash_sale_reconciliations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"sale_id" uuid NOT NULL,
	"engine" "flash_gate_engine" NOT NULL,
	"allocation" integer NOT NULL,
	"sold" integer NOT NULL,
	"held" integer NOT NULL,
	"remaining" integer NOT NULL,
	"returned" integer NOT NULL,
	"drift" integer NOT NULL,
	"details" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "flash_sales" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"store_id" uuid NOT NULL,
	"variant_id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"allocation" integer NOT NULL,
	"sale_price" integer NOT NULL,
	"currency" char(3) DEFAULT 'USD' NOT NULL,
	"per_customer_limit" integer DEFAULT 1 NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"status" "flash_sale_status" DEFAULT 'proposed' NOT NULL,
	"engine" "flash_gate_engine",
	"remaining" integer NOT NULL,
	"held" integer DEFAULT 0 NOT NULL,
	"sold" integer DEFAULT 0 NOT NULL,
	"moved_out" integer DEFAULT 0 NOT NULL,
	"returned" integer DEFAULT 0 NOT NULL,
	"gate_epoch" integer DEFAULT 0 NOT NULL,
	"created_by" text,
	"approved_by" text,
	"approved_at" timestamp with time zone,
	"review_note" text,
	"start_error" text,
	"started_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"settled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "flash_sales_allocation_positive" CHECK ("flash_sales"."allocation" > 0),
	CONSTRAINT "flash_sales_limit_positive" CHECK ("flash_sales"."per_customer_limit" >= 1),
	CONSTRAINT "flash_sales_window" CHECK ("flash_sales"."ends_at" > "flash_sales"."starts_at"),
	CONSTRAINT "flash_sales_price_nonnegative" CHECK ("flash_sales"."sale_price" >= 0),
	CONSTRAINT "flash_sales_counters_nonnegative" CHECK ("flash_sales"."remaining" >= 0 and "flash_sales"."held" >= 0 and "flash_sales"."sold" >= 0),
	CONSTRAINT "flash_sales_counters_sum" CHECK ("flash_sales"."sold" + "flash_sales"."held" + "flash_sales"."remaining" = "flash_sales"."allocation"),
	CONSTRAINT "flash_sales_moved_out" CHECK ("flash_sales"."moved_out" = 0 or "flash_sales"."moved_out" = "flash_sales"."allocation"),
	CONSTRAINT "flash_sales_returned" CHECK ("flash_sales"."returned" >= 0 and "flash_sales"."returned" <= "flash_sales"."moved_out" and "flash_sales"."sold" + "flash_sales"."returned" <= "flash_sales"."allocation")
);
--> statement-breakpoint
ALTER TABLE "flash_holds" ADD CONSTRAINT "flash_holds_sale_id_flash_sales_id_fk" FOREIGN KEY ("sale_id") REFERENCES "public"."flash_sales"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flash_holds" ADD CONSTRAINT "flash_holds_checkout_id_checkouts_id_fk" FOREIGN KEY ("checkout_id") REFERENCES "public"."checkouts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flash_holds" ADD CONSTRAINT "flash_holds_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flash_sale_customers" ADD CONSTRAINT "flash_sale_customers_sale_id_flash_sales_id_fk" FOREIGN KEY ("sale_id") REFERENCES "public"."flash_sales"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flash_sale_reconciliations" ADD CONSTRAINT "flash_sale_reconciliations_sale_id_flash_sales_id_fk" FOREIGN KEY ("sale_id") REFERENCES "public"."flash_sales"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flash_sales" ADD CONSTRAINT "flash_sales_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flash_sales" ADD CONSTRAINT "flash_sales_variant_id_variants_id_fk" FOREIGN KEY ("variant_id") REFERENCES "public"."variants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flash_sales" ADD CONSTRAINT "flash_sales_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flash_sales" ADD CONSTRAINT "flash_sales_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flash_sales" ADD CONSTRAINT "flash_sales_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "flash_holds_one_active_key" ON "flash_holds" USING btree ("sale_id","customer_key") WHERE "flash_holds"."status" = 'active';--> statement-breakpoint
CREATE INDEX "flash_holds_sale_status_idx" ON "flash_holds" USING btree ("sale_id","status","expires_at");--> statement-breakpoint
CREATE INDEX "flash_holds_checkout_idx" ON "flash_holds" USING btree ("checkout_id");--> statement-breakpoint
CREATE INDEX "flash_holds_order_idx" ON "flash_holds" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "flash_sale_reconciliations_sale_idx" ON "flash_sale_reconciliations" USING btree ("sale_id","created_at");--> statement-breakpoint
CREATE INDEX "flash_sales_status_starts_idx" ON "flash_sales" USING btree ("status","starts_at");--> statement-breakpoint
CREATE INDEX "flash_sales_status_ends_idx" ON "flash_sales" USING btree ("status","ends_at");--> statement-breakpoint
CREATE INDEX "flash_sales_store_idx" ON "flash_sales" USING btree ("store_id","created_at");--> statement-breakpoint
CREATE INDEX "flash_sales_variant_idx" ON "flash_sales" USING btree ("variant_id");