CREATE TYPE "public"."business_type" AS ENUM('individual', 'sole_proprietor', 'company', 'partnership', 'nonprofit');--> statement-breakpoint
CREATE TYPE "public"."kyc_document_kind" AS ENUM('identity', 'business_registration', 'proof_of_address', 'tax_certificate', 'other');--> statement-breakpoint
CREATE TABLE "kyc_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"submission_id" uuid NOT NULL,
	"kind" "kyc_document_kind" NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"byte_size" integer NOT NULL,
	"sha256" text NOT NULL,
	"storage_key" text NOT NULL,
	"uploaded_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "kyc_documents_size" CHECK ("kyc_documents"."byte_size" > 0 and "kyc_documents"."byte_size" <= 10485760)
);
--> statement-breakpoint
CREATE TABLE "kyc_submissions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"store_id" uuid NOT NULL,
	"applicant_id" text NOT NULL,
	"legal_name" text,
	"business_type" "business_type",
	"tax_id_ciphertext" text,
	"tax_id_last4" text,
	"address_line1" text,
	"address_line2" text,
	"city" text,
	"region" text,
	"postal_code" text,
	"country" text,
	"payout_holder" text,
	"payout_account_ciphertext" text,
	"payout_account_last4" text,
	"agreement_version" text,
	"agreement_accepted_at" timestamp with time zone,
	"submitted_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"decided_by" text,
	"rejection_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "kyc_submissions_tax_last4" CHECK ("kyc_submissions"."tax_id_last4" is null or length("kyc_submissions"."tax_id_last4") <= 4),
	CONSTRAINT "kyc_submissions_payout_last4" CHECK ("kyc_submissions"."payout_account_last4" is null or length("kyc_submissions"."payout_account_last4") <= 4),
	CONSTRAINT "kyc_submissions_tax_pair" CHECK (("kyc_submissions"."tax_id_ciphertext" is null) = ("kyc_submissions"."tax_id_last4" is null)),
	CONSTRAINT "kyc_submissions_payout_pair" CHECK (("kyc_submissions"."payout_account_ciphertext" is null) = ("kyc_submissions"."payout_account_last4" is null))
);
--> statement-breakpoint
CREATE TABLE "store_invites" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"store_id" uuid NOT NULL,
	"email" text NOT NULL,
	"role" "store_role" DEFAULT 'staff' NOT NULL,
	"token_hash" text NOT NULL,
	"invited_by" text,
	"expires_at" timestamp with time zone NOT NULL,
	"accepted_at" timestamp with time zone,
	"accepted_by" text,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "store_invites_email_lower" CHECK ("store_invites"."email" = lower("store_invites"."email"))
);
--> statement-breakpoint
CREATE TABLE "store_status_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"store_id" uuid NOT NULL,
	"from_status" "store_status",
	"to_status" "store_status" NOT NULL,
	"actor_id" text,
	"reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "kyc_documents" ADD CONSTRAINT "kyc_documents_submission_id_kyc_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."kyc_submissions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kyc_submissions" ADD CONSTRAINT "kyc_submissions_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kyc_submissions" ADD CONSTRAINT "kyc_submissions_applicant_id_users_id_fk" FOREIGN KEY ("applicant_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "store_invites" ADD CONSTRAINT "store_invites_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "store_invites" ADD CONSTRAINT "store_invites_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "store_status_events" ADD CONSTRAINT "store_status_events_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "kyc_documents_submission_idx" ON "kyc_documents" USING btree ("submission_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "kyc_documents_storage_key" ON "kyc_documents" USING btree ("storage_key");--> statement-breakpoint
CREATE UNIQUE INDEX "kyc_submissions_store_key" ON "kyc_submissions" USING btree ("store_id");--> statement-breakpoint
CREATE INDEX "kyc_submissions_applicant_idx" ON "kyc_submissions" USING btree ("applicant_id");--> statement-breakpoint
CREATE UNIQUE INDEX "store_invites_token_key" ON "store_invites" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "store_invites_open_key" ON "store_invites" USING btree ("store_id","email") WHERE "store_invites"."accepted_at" is null and "store_invites"."revoked_at" is null;--> statement-breakpoint
CREATE INDEX "store_status_events_store_idx" ON "store_status_events" USING btree ("store_id","created_at");