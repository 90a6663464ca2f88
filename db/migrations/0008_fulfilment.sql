CREATE TYPE "public"."line_cancellation_status" AS ENUM('refund_pending', 'refunded', 'no_refund');--> statement-breakpoint
CREATE TABLE "order_line_cancellations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_item_id" uuid NOT NULL,
	"store_order_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"store_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"quantity" integer NOT NULL,
	"items_amount" integer NOT NULL,
	"tax_amount" integer NOT NULL,
	"discount_amount" integer DEFAULT 0 NOT NULL,
	"shipping_amount" integer DEFAULT 0 NOT NULL,
	"amount" integer NOT NULL,
	"reason" text NOT NULL,
	"status" "line_cancellation_status" NOT NULL,
	"idempotency_key" text NOT NULL,
	"refund_id" uuid,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"refunded_at" timestamp with time zone,
	CONSTRAINT "order_line_cancellations_quantity" CHECK ("order_line_cancellations"."quantity" > 0 and "order_line_cancellations"."seq" > 0),
	CONSTRAINT "order_line_cancellations_amounts" CHECK ("order_line_cancellations"."items_amount" >= 0 and "order_line_cancellations"."tax_amount" >= 0 and "order_line_cancellations"."discount_amount" >= 0 and "order_line_cancellations"."shipping_amount" >= 0 and "order_line_cancellations"."amount" >= 0 and "order_line_cancellations"."amount" = "order_line_cancellations"."items_amount" + "order_line_cancellations"."tax_amount" - "order_line_cancellations"."discount_amount" + "order_line_cancellations"."shipping_amount"),
	CONSTRAINT "order_line_cancellations_refund" CHECK (("order_line_cancellations"."status" = 'no_refund') = ("order_line_cancellations"."amount" = 0))
);
--> statement-breakpoint
CREATE TABLE "shipment_items" (
	"shipment_id" uuid NOT NULL,
	"order_item_id" uuid NOT NULL,
	"quantity" integer NOT NULL,
	CONSTRAINT "shipment_items_shipment_id_order_item_id_pk" PRIMARY KEY("shipment_id","order_item_id"),
	CONSTRAINT "shipment_items_quantity_positive" CHECK ("shipment_items"."quantity" > 0)
);
--> statement-breakpoint
CREATE TABLE "shipments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"store_order_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"store_id" uuid NOT NULL,
	"carrier" text NOT NULL,
	"tracking_number" text NOT NULL,
	"tracking_url" text,
	"shipped_at" timestamp with time zone DEFAULT now() NOT NULL,
	"delivered_at" timestamp with time zone,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "shipments_delivered_after_shipped" CHECK ("shipments"."delivered_at" is null or "shipments"."delivered_at" >= "shipments"."shipped_at")
);
--> statement-breakpoint
ALTER TABLE "order_line_cancellations" ADD CONSTRAINT "order_line_cancellations_order_item_id_order_items_id_fk" FOREIGN KEY ("order_item_id") REFERENCES "public"."order_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_line_cancellations" ADD CONSTRAINT "order_line_cancellations_store_order_id_store_orders_id_fk" FOREIGN KEY ("store_order_id") REFERENCES "public"."store_orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_line_cancellations" ADD CONSTRAINT "order_line_cancellations_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_line_cancellations" ADD CONSTRAINT "order_line_cancellations_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_line_cancellations" ADD CONSTRAINT "order_line_cancellations_refund_id_refunds_id_fk" FOREIGN KEY ("refund_id") REFERENCES "public"."refunds"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_line_cancellations" ADD CONSTRAINT "order_line_cancellations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shipment_items" ADD CONSTRAINT "shipment_items_shipment_id_shipments_id_fk" FOREIGN KEY ("shipment_id") REFERENCES "public"."shipments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shipment_items" ADD CONSTRAINT "shipment_items_order_item_id_order_items_id_fk" FOREIGN KEY ("order_item_id") REFERENCES "public"."order_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shipments" ADD CONSTRAINT "shipments_store_order_id_store_orders_id_fk" FOREIGN KEY ("store_order_id") REFERENCES "public"."store_orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shipments" ADD CONSTRAINT "shipments_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shipments" ADD CONSTRAINT "shipments_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shipments" ADD CONSTRAINT "shipments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "order_line_cancellations_item_seq_key" ON "order_line_cancellations" USING btree ("order_item_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "order_line_cancellations_idempotency_key" ON "order_line_cancellations" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "order_line_cancellations_store_order_idx" ON "order_line_cancellations" USING btree ("store_order_id","created_at");--> statement-breakpoint
CREATE INDEX "order_line_cancellations_pending_idx" ON "order_line_cancellations" USING btree ("created_at") WHERE "order_line_cancellations"."status" = 'refund_pending';--> statement-breakpoint
CREATE INDEX "shipment_items_order_item_idx" ON "shipment_items" USING btree ("order_item_id");--> statement-breakpoint
CREATE INDEX "shipments_store_order_idx" ON "shipments" USING btree ("store_order_id","shipped_at");--> statement-breakpoint
CREATE INDEX "shipments_order_idx" ON "shipments" USING btree ("order_id");--> statement-breakpoint
CREATE UNIQUE INDEX "shipments_tracking_key" ON "shipments" USING btree ("store_order_id","carrier","tracking_number");