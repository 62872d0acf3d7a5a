# Every secret the app reads, one Secret Manager secret each, named after its variable.
# Generated here: DATABASE_URL, SESSION_SECRET, GCS_PRIVATE_KEY. Yours to add (gcloud secrets
# versions add, docs/DEPLOY.md): GEMINI_API_KEY, GOOGLE_SPEECH_API_KEY, when you enable them.
locals {
  secret_names = ["DATABASE_URL", "SESSION_SECRET", "GCS_PRIVATE_KEY", "GEMINI_API_KEY", "GOOGLE_SPEECH_API_KEY"]
  # The Cloud SQL connector's Unix socket, mounted at /cloudsql in every Cloud Run container.
  database_url = "postgres://${google_sql_user.ajimi.name}:${random_password.db.result}@localhost/${google_sql_database.ajimi.name}?host=/cloudsql/${google_sql_database_instance.main.connection_name}"
}

resource "google_secret_manager_secret" "app" {
  for_each  = toset(local.secret_names)
  secret_id = "ajimi-${lower(replace(each.value, "_", "-"))}"
  replication {
    auto {}
  }
  depends_on = [google_project_service.apis]
}

resource "random_password" "session" {
  length  = 48
  special = false
}

resource "google_secret_manager_secret_version" "database_url" {
  secret      = google_secret_manager_secret.app["DATABASE_URL"].id
  secret_data = local.database_url
}

resource "google_secret_manager_secret_version" "session_secret" {
  secret      = google_secret_manager_secret.app["SESSION_SECRET"].id
  secret_data = random_password.session.result
}

resource "google_secret_manager_secret_version" "gcs_private_key" {
  secret      = google_secret_manager_secret.app["GCS_PRIVATE_KEY"].id
  secret_data = jsondecode(base64decode(google_service_account_key.media.private_key)).private_key
}
