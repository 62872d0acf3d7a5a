# Media: cooks' videos and voice memos, proxies, renders; tus upload parts while an upload runs.
resource "google_storage_bucket" "media" {
  name                        = "${var.project_id}-ajimi-media"
  location                    = var.region
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced" # the app hands out V4 signed URLs
  force_destroy               = false

  # tus upload parts are named "<user id>_<upload id>" (api/src/routes/uploads.ts): they start with
  # a hex digit, every stored object starts with "sessions/". Parts of uploads abandoned for a week
  # go (the same 7 days the local FileStore keeps them).
  lifecycle_rule {
    condition {
      age            = 7
      matches_prefix = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "a", "b", "c", "d", "e", "f"]
    }
    action {
      type = "Delete"
    }
  }
  lifecycle_rule {
    condition {
      age = 1
    }
    action {
      type = "AbortIncompleteMultipartUpload"
    }
  }
  # Renders and proxies nobody watched for 90 days move to a cheaper class; nothing a cook was
  # sent is deleted. Superseded render versions are removed by this rule once the app stamps
  # them with a custom time (not yet: see docs/DEPLOY.md, "Storage lifecycle").
  lifecycle_rule {
    condition {
      age            = 90
      matches_suffix = [".mp4", ".jpg", ".wav"]
    }
    action {
      type          = "SetStorageClass"
      storage_class = "NEARLINE"
    }
  }
  lifecycle_rule {
    condition {
      days_since_custom_time = 30
    }
    action {
      type = "Delete"
    }
  }

  cors {
    origin          = [local.public_url]
    method          = ["GET", "HEAD"]
    response_header = ["Content-Type", "Content-Range", "Accept-Ranges"]
    max_age_seconds = 3600
  }
  depends_on = [google_project_service.apis]
}

# The identity that reads and writes media and signs the V4 URLs (GCS_CLIENT_EMAIL / GCS_PRIVATE_KEY):
# objects in this one bucket, nothing else.
resource "google_service_account" "media" {
  account_id   = "ajimi-media"
  display_name = "Ajimi media (bucket objects, signed URLs)"
}

resource "google_storage_bucket_iam_member" "media_objects" {
  bucket = google_storage_bucket.media.name
  role   = "roles/storage.objectAdmin"
  member = "serviceAccount:${google_service_account.media.email}"
}

# The app signs URLs locally with this key (core/src/providers/storage/gcs-storage.ts), so no
# iam.serviceAccountTokenCreator is granted. The key lives in Secret Manager and the Terraform state.
resource "google_service_account_key" "media" {
  service_account_id = google_service_account.media.name
}
