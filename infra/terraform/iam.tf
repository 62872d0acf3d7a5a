# One identity per role, each with only what it uses: the Cloud SQL connector and the secrets
# its container reads. Media access goes through the ajimi-media key (storage.tf), not these.
resource "google_service_account" "run" {
  for_each     = toset(["api", "worker", "migrate"])
  account_id   = "ajimi-${each.value}"
  display_name = "Ajimi ${each.value} (Cloud Run)"
}

locals {
  # Which secrets each role's container reads (run.tf); optional ones only when enabled.
  secret_access = {
    api     = ["DATABASE_URL", "SESSION_SECRET", "GCS_PRIVATE_KEY", "GEMINI_API_KEY"]
    worker  = ["DATABASE_URL", "SESSION_SECRET", "GCS_PRIVATE_KEY", "GEMINI_API_KEY", "GOOGLE_SPEECH_API_KEY"]
    migrate = ["DATABASE_URL", "SESSION_SECRET"]
  }
  optional_secrets = {
    GEMINI_API_KEY        = var.gemini_enabled
    GOOGLE_SPEECH_API_KEY = var.speech_enabled
  }
  secret_grants = {
    for pair in flatten([
      for role, names in local.secret_access : [
        for name in names : { role = role, name = name } if lookup(local.optional_secrets, name, true)
      ]
    ]) : "${pair.role}/${pair.name}" => pair
  }
}

resource "google_secret_manager_secret_iam_member" "access" {
  for_each  = local.secret_grants
  secret_id = google_secret_manager_secret.app[each.value.name].id
  role      = "roles/secretmanager.secretAccessor"
  member    = "serviceAccount:${google_service_account.run[each.value.role].email}"
}

# The Cloud SQL connector (/cloudsql socket) needs cloudsql.client; it is a project-level role.
resource "google_project_iam_member" "sql_client" {
  for_each = google_service_account.run
  project  = var.project_id
  role     = "roles/cloudsql.client"
  member   = "serviceAccount:${each.value.email}"
}
