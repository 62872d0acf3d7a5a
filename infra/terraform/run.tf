# The API (public), the workers (internal, always on) and the migration (a job run before each
# rollout). One image; the command picks the role. Ports and health paths match the app:
# API_HEALTH_LIVE_PATH (api/src/routes/health-paths.ts), WORKER_HEALTH_PATH (jobs/src/health-server.ts);
# infra/terraform/terraform.test.ts holds them equal.

resource "google_cloud_run_v2_service" "api" {
  name                = "ajimi-api"
  location            = var.region
  ingress             = "INGRESS_TRAFFIC_ALL"
  deletion_protection = var.deletion_protection

  template {
    service_account                  = google_service_account.run["api"].email
    max_instance_request_concurrency = 80
    timeout                          = "3600s" # SSE streams and resumable uploads
    scaling {
      min_instance_count = 0
      max_instance_count = var.api_max_instances
    }
    volumes {
      name = "cloudsql"
      cloud_sql_instance {
        instances = [google_sql_database_instance.main.connection_name]
      }
    }
    containers {
      image   = local.image
      command = ["node", "--import", "tsx", "api/src/main.ts"]
      ports {
        container_port = 8080 # Cloud Run sets PORT to this
      }
      resources {
        limits = {
          cpu    = "1"
          memory = "1Gi"
        }
      }
      volume_mounts {
        name       = "cloudsql"
        mount_path = "/cloudsql"
      }
      env {
        name  = "NODE_ENV"
        value = "production"
      }
      env {
        name  = "PUBLIC_URL"
        value = local.public_url
      }
      env {
        name  = "AJIMI_DEMO_ACCOUNTS"
        value = "false"
      }
      env {
        name  = "STORAGE_DRIVER"
        value = "gcs"
      }
      env {
        name  = "GCS_BUCKET"
        value = google_storage_bucket.media.name
      }
      env {
        name  = "GCS_PROJECT_ID"
        value = var.project_id
      }
      env {
        name  = "GCS_CLIENT_EMAIL"
        value = google_service_account.media.email
      }
      env {
        name  = "DATABASE_POOL_MAX"
        value = "8"
      }
      env {
        name = "DATABASE_URL"
        value_source {
          secret_key_ref {
            secret  = google_secret_manager_secret.app["DATABASE_URL"].secret_id
            version = "latest"
          }
        }
      }
      env {
        name = "SESSION_SECRET"
        value_source {
          secret_key_ref {
            secret  = google_secret_manager_secret.app["SESSION_SECRET"].secret_id
            version = "latest"
          }
        }
      }
      env {
        name = "GCS_PRIVATE_KEY"
        value_source {
          secret_key_ref {
            secret  = google_secret_manager_secret.app["GCS_PRIVATE_KEY"].secret_id
            version = "latest"
          }
        }
      }
      dynamic "env" {
        for_each = var.gemini_enabled ? [1] : []
        content {
          name = "GEMINI_API_KEY"
          value_source {
            secret_key_ref {
              secret  = google_secret_manager_secret.app["GEMINI_API_KEY"].secret_id
              version = "latest"
            }
          }
        }
      }
      startup_probe {
        initial_delay_seconds = 2
        period_seconds        = 3
        timeout_seconds       = 2
        failure_threshold     = 20
        http_get {
          path = "/api/health/live"
          port = 8080
        }
      }
      liveness_probe {
        period_seconds    = 30
        timeout_seconds   = 5
        failure_threshold = 3
        http_get {
          path = "/api/health/live"
          port = 8080
        }
      }
    }
  }
  depends_on = [google_secret_manager_secret_iam_member.access, google_project_iam_member.sql_client]
}

# Anyone may reach the API (sign-in is the app's); the worker and the job stay private.
resource "google_cloud_run_v2_service_iam_member" "api_public" {
  name     = google_cloud_run_v2_service.api.name
  location = var.region
  role     = "roles/run.invoker"
  member   = "allUsers"
}

resource "google_cloud_run_v2_service" "worker" {
  name                = "ajimi-worker"
  location            = var.region
  ingress             = "INGRESS_TRAFFIC_INTERNAL_ONLY"
  deletion_protection = var.deletion_protection

  template {
    service_account = google_service_account.run["worker"].email
    timeout         = "3600s"
    # Workers poll pg-boss; Cloud Run cannot see the queue depth, so a floor of always-on instances.
    scaling {
      min_instance_count = var.worker_min_instances
      max_instance_count = var.worker_max_instances
    }
    volumes {
      name = "cloudsql"
      cloud_sql_instance {
        instances = [google_sql_database_instance.main.connection_name]
      }
    }
    containers {
      image   = local.image
      command = ["node", "--import", "tsx", "jobs/src/main.ts"]
      ports {
        container_port = 8080
      }
      resources {
        cpu_idle = false # CPU between requests: the worker has no requests, only jobs
        limits = {
          cpu    = "2"
          memory = "4Gi" # FFmpeg's working files live in the in-memory filesystem
        }
      }
      volume_mounts {
        name       = "cloudsql"
        mount_path = "/cloudsql"
      }
      env {
        name  = "NODE_ENV"
        value = "production"
      }
      env {
        name  = "WORKER_HEALTH_PORT"
        value = "8080"
      }
      env {
        name  = "PUBLIC_URL"
        value = local.public_url
      }
      env {
        name  = "AJIMI_DEMO_ACCOUNTS"
        value = "false"
      }
      env {
        name  = "WORKER_CONCURRENCY"
        value = tostring(var.worker_concurrency)
      }
      env {
        name  = "STORAGE_DRIVER"
        value = "gcs"
      }
      env {
        name  = "GCS_BUCKET"
        value = google_storage_bucket.media.name
      }
      env {
        name  = "GCS_PROJECT_ID"
        value = var.project_id
      }
      env {
        name  = "GCS_CLIENT_EMAIL"
        value = google_service_account.media.email
      }
      env {
        name = "DATABASE_URL"
        value_source {
          secret_key_ref {
            secret  = google_secret_manager_secret.app["DATABASE_URL"].secret_id
            version = "latest"
          }
        }
      }
      env {
        name = "SESSION_SECRET"
        value_source {
          secret_key_ref {
            secret  = google_secret_manager_secret.app["SESSION_SECRET"].secret_id
            version = "latest"
          }
        }
      }
      env {
        name = "GCS_PRIVATE_KEY"
        value_source {
          secret_key_ref {
            secret  = google_secret_manager_secret.app["GCS_PRIVATE_KEY"].secret_id
            version = "latest"
          }
        }
      }
      dynamic "env" {
        for_each = var.gemini_enabled ? [1] : []
        content {
          name = "GEMINI_API_KEY"
          value_source {
            secret_key_ref {
              secret  = google_secret_manager_secret.app["GEMINI_API_KEY"].secret_id
              version = "latest"
            }
          }
        }
      }
      dynamic "env" {
        for_each = var.speech_enabled ? [1] : []
        content {
          name = "GOOGLE_SPEECH_API_KEY"
          value_source {
            secret_key_ref {
              secret  = google_secret_manager_secret.app["GOOGLE_SPEECH_API_KEY"].secret_id
              version = "latest"
            }
          }
        }
      }
      startup_probe {
        initial_delay_seconds = 5
        period_seconds        = 5
        timeout_seconds       = 3
        failure_threshold     = 60 # a worker waits for the migration before it beats
        http_get {
          path = "/health"
          port = 8080
        }
      }
      liveness_probe {
        period_seconds    = 30
        timeout_seconds   = 5
        failure_threshold = 3
        http_get {
          path = "/health"
          port = 8080
        }
      }
    }
  }
  depends_on = [google_secret_manager_secret_iam_member.access, google_project_iam_member.sql_client]
}

# Migrations (and the knowledge import): `gcloud run jobs execute ajimi-migrate --wait` before
# rolling out a new image (docs/DEPLOY.md). The API only warns about pending migrations.
resource "google_cloud_run_v2_job" "migrate" {
  name                = "ajimi-migrate"
  location            = var.region
  deletion_protection = var.deletion_protection

  template {
    task_count = 1
    template {
      service_account = google_service_account.run["migrate"].email
      max_retries     = 1
      timeout         = "900s"
      volumes {
        name = "cloudsql"
        cloud_sql_instance {
          instances = [google_sql_database_instance.main.connection_name]
        }
      }
      containers {
        image   = local.image
        # The script is an argument so one execution can run another: the first admin is
        # `gcloud run jobs execute ajimi-migrate --args=scripts/create-admin.ts,EMAIL` (docs/DEPLOY.md).
        command = ["node", "--import", "tsx"]
        args    = ["scripts/migrate.ts"]
        resources {
          limits = {
            cpu    = "1"
            memory = "1Gi"
          }
        }
        volume_mounts {
          name       = "cloudsql"
          mount_path = "/cloudsql"
        }
        env {
          name  = "NODE_ENV"
          value = "production"
        }
        env {
          name  = "AJIMI_DEMO_ACCOUNTS"
          value = "false"
        }
        env {
          name = "DATABASE_URL"
          value_source {
            secret_key_ref {
              secret  = google_secret_manager_secret.app["DATABASE_URL"].secret_id
              version = "latest"
            }
          }
        }
        env {
          name = "SESSION_SECRET"
          value_source {
            secret_key_ref {
              secret  = google_secret_manager_secret.app["SESSION_SECRET"].secret_id
              version = "latest"
            }
          }
        }
      }
    }
  }
  depends_on = [google_secret_manager_secret_iam_member.access, google_project_iam_member.sql_client]
}
