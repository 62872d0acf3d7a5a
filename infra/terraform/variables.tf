variable "project_id" {
  description = "The GCP project to deploy into."
  type        = string
}

variable "region" {
  description = "Region for Cloud Run, Cloud SQL, the bucket and Artifact Registry."
  type        = string
  default     = "asia-northeast1"
}

variable "image_tag" {
  description = "Tag of the ajimi image pushed to Artifact Registry (docs/DEPLOY.md, step 4)."
  type        = string
}

variable "public_url" {
  description = "The URL people use (custom domain). Empty = the API service's run.app URL."
  type        = string
  default     = ""
}

variable "db_tier" {
  description = "Cloud SQL machine tier."
  type        = string
  default     = "db-custom-1-3840"
}

variable "api_max_instances" {
  type    = number
  default = 10
}

variable "worker_min_instances" {
  description = "Workers always running (they poll the pg-boss queues; Cloud Run does not see queue depth)."
  type        = number
  default     = 1
}

variable "worker_max_instances" {
  type    = number
  default = 4
}

variable "worker_concurrency" {
  description = "Jobs per queue per worker instance (WORKER_CONCURRENCY)."
  type        = number
  default     = 2
}

variable "gemini_enabled" {
  description = "Pass GEMINI_API_KEY (add its secret version first). Without it the offline providers run."
  type        = bool
  default     = false
}

variable "speech_enabled" {
  description = "Pass GOOGLE_SPEECH_API_KEY for voice memos (add its secret version first)."
  type        = bool
  default     = false
}

variable "deletion_protection" {
  description = "Protect the database and services from terraform destroy."
  type        = bool
  default     = true
}
